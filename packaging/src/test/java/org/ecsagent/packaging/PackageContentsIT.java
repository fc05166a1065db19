package org.ecsagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.packaging.BuiltPackages.INSTALL_DIR;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.ecsagent.systemd.HostCommand;
import org.ecsagent.systemd.HostRequirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the built .deb and .rpm hold, read with dpkg-deb and rpm, and what their runtime can do. */
class PackageContentsIT {
  /** Installed paths and the modes they must have, in both packages (the unit's directory differs). */
  private static final Map<String, String> FILES = Map.of(
      INSTALL_DIR + "/ecs-agent.jar", "-rw-r--r--",
      INSTALL_DIR + "/runtime/bin/java", "-rwxr-xr-x",
      INSTALL_DIR + "/runtime/lib/jspawnhelper", "-rwxr-xr-x",
      INSTALL_DIR + "/runtime/lib/modules", "-rw-r--r--",
      INSTALL_DIR + "/runtime/lib/security/cacerts", "-rw-r--r--",
      INSTALL_DIR + "/ecs-agent-host", "-rwxr-xr-x",
      INSTALL_DIR + "/ecs-agent-ready", "-rwxr-xr-x",
      "/etc/ecs/ecs.config", "-rw-r--r--");

  @TempDir Path tmp;

  @Test
  void debCarriesNameVersionArchitectureDependenciesAndDescription() {
    HostRequirements.requireCommands("dpkg-deb");
    Map<String, String> fields = debFields("Package", "Version", "Architecture", "Depends", "Maintainer", "Description");

    assertThat(fields.get("Package")).isEqualTo(BuiltPackages.NAME);
    assertThat(fields.get("Version")).isEqualTo(BuiltPackages.debVersion());
    assertThat(fields.get("Architecture")).isEqualTo(BuiltPackages.DEB_ARCH);
    assertThat(fields.get("Depends")).contains("iptables").contains("init-system-helpers");
    assertThat(fields.get("Maintainer")).isNotBlank();
    assertThat(fields.get("Description")).startsWith("Amazon ECS container agent").contains("ecs.service");
    assertThat(BuiltPackages.deb().getFileName().toString())
        .isEqualTo(BuiltPackages.NAME + "_" + BuiltPackages.debVersion() + "_" + BuiltPackages.DEB_ARCH + ".deb");
  }

  @Test
  void debHoldsTheAgentItsRuntimeTheUnitTheHelpersAndTheConfiguration() {
    HostRequirements.requireCommands("dpkg-deb");
    Map<String, String> modes = new HashMap<>();
    for (String line : HostCommand.of("dpkg-deb", "-c", BuiltPackages.deb().toString()).succeeds().stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      modes.put(f[f.length - 1].replaceFirst("^\\.", "").replaceFirst("/$", ""), f[0]);
    }

    FILES.forEach((path, mode) -> assertThat(modes).as(path).containsEntry(path, mode));
    assertThat(modes).containsEntry("/lib/systemd/system/ecs.service", "-rw-r--r--");
    assertThat(modes).containsKey("/usr/share/doc/" + BuiltPackages.NAME + "/copyright");
    assertThat(modes.keySet()).as("nothing outside the package's own places")
        .allMatch(p -> p.startsWith(INSTALL_DIR) || p.startsWith("/lib/systemd/system") || p.startsWith("/etc/ecs")
            || p.startsWith("/usr/share/doc/" + BuiltPackages.NAME) || Set.of("", "/usr", "/usr/lib", "/usr/share",
                "/usr/share/doc", "/lib", "/lib/systemd", "/etc").contains(p));
  }

  @Test
  void debMarksTheConfigurationAsAConffileAndItsMaintainerScriptsParse() throws Exception {
    HostRequirements.requireCommands("dpkg-deb");
    String conffiles = HostCommand.of("dpkg-deb", "-I", BuiltPackages.deb().toString(), "conffiles").succeeds().stdout();
    assertThat(conffiles.strip()).isEqualTo("/etc/ecs/ecs.config");

    Path control = tmp.resolve("control");
    HostCommand.of("dpkg-deb", "-e", BuiltPackages.deb().toString(), control.toString()).succeeds();
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(Files.isExecutable(control.resolve(script))).as(script).isTrue();
      HostCommand.of("sh", "-n", control.resolve(script).toString()).succeeds();
    }
    String postinst = Files.readString(control.resolve("postinst"));
    assertThat(postinst).contains("deb-systemd-helper enable ecs.service").contains("[ -d /run/systemd/system ]");
    assertThat(Files.readString(control.resolve("postrm"))).contains("purge").contains("rm -rf /var/lib/ecs /var/log/ecs");
  }

  @Test
  void rpmCarriesTheSameFilesAndMetadata() {
    HostRequirements.requireCommands("rpm");
    String rpm = BuiltPackages.rpm().toString();

    String info = HostCommand.of("rpm", "-qp", "--qf", "%{NAME}|%{VERSION}|%{ARCH}|%{LICENSE}|%{SUMMARY}", rpm).succeeds().stdout();
    assertThat(info).isEqualTo(BuiltPackages.NAME + "|" + BuiltPackages.rpmVersion() + "|" + BuiltPackages.RPM_ARCH
        + "|Apache-2.0|Amazon ECS container agent, reimplemented in Java");

    Map<String, String> modes = new HashMap<>();
    for (String line : HostCommand.of("rpm", "-qlvp", rpm).succeeds().stdout().split("\n")) {
      String[] f = line.trim().split("\\s+");
      modes.put(f[f.length - 1], f[0]);
    }
    FILES.forEach((path, mode) -> assertThat(modes).as(path).containsEntry(path, mode));
    assertThat(modes).containsEntry("/usr/lib/systemd/system/ecs.service", "-rw-r--r--");
    assertThat(HostCommand.of("rpm", "-qlp", rpm).succeeds().stdout()).contains(INSTALL_DIR + "/runtime/release");

    String flags = HostCommand.of("rpm", "-qp", "--qf", "[%{FILENAMES} %{FILEFLAGS:fflags}\\n]", rpm).succeeds().stdout();
    assertThat(flags).contains("/etc/ecs/ecs.config cn"); // %config(noreplace)
    assertThat(HostCommand.of("rpm", "-qpR", rpm).succeeds().stdout()).contains("iptables").contains("systemd");
    String scripts = HostCommand.of("rpm", "-qp", "--scripts", rpm).succeeds().stdout();
    assertThat(scripts).contains("systemctl enable ecs.service").contains("systemctl stop ecs.service");
  }

  @Test
  void runtimeHasEveryModuleTheAgentJarNeeds() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the build JDK has no jdeps"));
    StringWriter out = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--multi-release", Runtime.version().feature() + "",
        "--ignore-missing-deps", "--print-module-deps", BuiltPackages.AGENT_JAR.toString());
    assertThat(status).as(out.toString()).isZero();
    Set<String> needed = Arrays.stream(out.toString().strip().split(",")).collect(Collectors.toSet());

    String listed = HostCommand.of(BuiltPackages.RUNTIME.resolve("bin/java").toString(), "--list-modules").succeeds().stdout();
    Set<String> linked = listed.lines().map(l -> l.replaceFirst("@.*", "")).collect(Collectors.toSet());

    assertThat(linked).containsAll(needed).contains("jdk.crypto.ec", "java.management");
    assertThat(linked).as("a minimised runtime").doesNotContain("jdk.compiler", "jdk.jshell", "java.se");
  }

  @Test
  void runtimeSpeaksTlsWithEcKeysAndComputesSigV4Primitives() {
    Path runtime = BuiltPackages.RUNTIME;
    Path keystore = tmp.resolve("ec.p12");
    HostCommand.of(runtime.resolve("bin/keytool").toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
        "-alias", "self", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit").succeeds();

    String out = HostCommand.of(runtime.resolve("bin/java").toString(), "-cp",
        BuiltPackages.MODULE_DIR.resolve("target/test-classes").toString(), TlsSelfCheck.class.getName(),
        keystore.toString(), "changeit").succeeds().stdout();

    assertThat(out).contains("sha-256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(out).containsPattern("hmac-sha256: [0-9a-f]{64}");
    assertThat(Integer.parseInt(out.replaceAll("(?s).*trusted-cas: (\\d+).*", "$1"))).isGreaterThan(50);
    assertThat(out).contains("handshake TLSv1.3: TLSv1.3 TLS_").contains("\"hello over TLSv1.3\"");
    assertThat(out).containsPattern("handshake TLSv1.2: TLSv1.2 TLS_ECDHE_ECDSA_\\S+ \"hello over TLSv1.2\"");
  }

  private static Map<String, String> debFields(String... names) {
    Map<String, String> fields = new HashMap<>();
    for (String name : names) {
      fields.put(name, HostCommand.of("dpkg-deb", "-f", BuiltPackages.deb().toString(), name).succeeds().stdout().strip());
    }
    return fields;
  }
}
