package org.ecsagent.packaging;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run by {@link PackageContentsIT} on the packaged runtime (not the test JVM): proves the jlinked
 * runtime has what the agent's TLS and SigV4 need. Prints one {@code key: value} line per fact.
 * Arguments: a PKCS12 key store holding an EC key pair and its self-signed certificate, and its
 * password.
 */
public final class TlsSelfCheck {
  private TlsSelfCheck() {}

  public static void main(String[] args) throws Exception {
    // SigV4: SHA-256 of the payload, HMAC-SHA256 key derivation.
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec("AWS4secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    System.out.println("hmac-sha256: " + HexFormat.of().formatHex(hmac.doFinal("20150830".getBytes(StandardCharsets.UTF_8))));
    System.out.println("sha-256: " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])));

    // The CA certificates that verify AWS endpoints.
    TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    X509TrustManager trust = (X509TrustManager) defaults.getTrustManagers()[0];
    System.out.println("trusted-cas: " + trust.getAcceptedIssuers().length);

    // A TLS 1.3 and a TLS 1.2 (ECDHE-ECDSA) handshake over loopback with an EC certificate.
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(args[0])) {
      store.load(in, args[1].toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, args[1].toCharArray());
    TrustManagerFactory self = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    self.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), self.getTrustManagers(), null);
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      System.out.println("handshake " + protocol + ": " + handshake(context, protocol));
    }
  }

  private static String handshake(SSLContext context, String protocol) throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(new String[] {protocol});
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (SSLSocket peer = (SSLSocket) server.accept();
             PrintWriter out = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8)) {
          out.println("hello over " + peer.getSession().getProtocol());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket client = (SSLSocket) context.getSocketFactory()
          .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        client.setEnabledProtocols(new String[] {protocol});
        client.startHandshake();
        String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();
        served.join();
        return client.getSession().getProtocol() + " " + client.getSession().getCipherSuite() + " \"" + line + "\"";
      }
    }
  }
}
