package org.ecsagent.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StateStore} in one SQLite file, {@code <ECS_DATADIR>/state.db}.
 *
 * <p>Why SQLite: its write-ahead log with {@code synchronous=FULL} makes each commit durable
 * (fsync) and atomic across tables, so "task state + outbox entries" is one transaction; a crash
 * mid-write leaves the previous commit intact; operators can inspect the file with the sqlite3
 * shell. An embedded key-value store would need us to build the multi-table atomicity ourselves.
 *
 * <p>A file that is not a readable database is refused with an explanation instead of being
 * replaced: starting fresh would lose track of containers that still run. Methods are
 * synchronized: the engine thread writes, the reporter threads delete outbox rows.
 */
public final class SqliteStateStore implements StateStore {
  private static final Logger log = LoggerFactory.getLogger(SqliteStateStore.class);
  public static final String FILE_NAME = "state.db";
  private static final int SCHEMA_VERSION = 1;
  private static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);

  private final Connection db;
  private final Path file;
  private final Clock clock;
  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private SqliteStateStore(Connection db, Path file, Clock clock) {
    this.db = db;
    this.file = file;
    this.clock = clock;
  }

  public static SqliteStateStore open(Path dataDir, Clock clock) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (Files.notExists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    } catch (IOException e) {
      throw new StateStoreException("cannot create the state file " + file + ": " + e.getMessage(), e);
    }
    Connection db = null;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        checkIntegrity(s, file);
        s.execute("CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tasks (arn TEXT PRIMARY KEY, record TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " task_arn TEXT NOT NULL, change TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tombstones (arn TEXT PRIMARY KEY, removed_at INTEGER NOT NULL)");
      }
      SqliteStateStore store = new SqliteStateStore(db, file, clock);
      store.checkSchemaVersion();
      store.pruneTombstones();
      log.info("state store {}: {} task(s), {} pending state change(s)", file, store.loadTasks().size(),
          store.pendingChanges().size());
      return store;
    } catch (SQLException e) {
      closeQuietly(db);
      throw unreadable(file, e.getMessage(), e);
    } catch (StateStoreException e) {
      closeQuietly(db);
      throw e;
    }
  }

  private static void checkIntegrity(Statement s, Path file) throws SQLException {
    try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
      String result = r.next() ? r.getString(1) : "no result";
      if (!"ok".equals(result)) {
        throw unreadable(file, "integrity check failed: " + result, null);
      }
    }
  }

  private static StateStoreException unreadable(Path file, String why, Throwable cause) {
    return new StateStoreException("the state file " + file + " is unreadable (" + why + "). The agent will not start"
        + " on it, because starting fresh would lose track of containers that may still run. To start fresh anyway,"
        + " stop the task containers (docker ps --filter label=com.amazonaws.ecs.cluster) and move the file aside:"
        + " mv " + file + " " + file + ".corrupt", cause);
  }

  private void checkSchemaVersion() throws SQLException {
    Optional<String> version = metadata("schema-version");
    if (version.isEmpty()) {
      putMetadata("schema-version", Integer.toString(SCHEMA_VERSION));
    } else if (!version.get().equals(Integer.toString(SCHEMA_VERSION))) {
      throw unreadable(file, "schema version " + version.get() + ", this agent understands " + SCHEMA_VERSION, null);
    }
  }

  private void pruneTombstones() throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM tombstones WHERE removed_at < ?")) {
      p.setLong(1, clock.instant().minus(TOMBSTONE_RETENTION).toEpochMilli());
      p.executeUpdate();
    }
  }

  @Override
  public synchronized Optional<String> containerInstanceArn() {
    return read(() -> metadata("container-instance-arn"));
  }

  @Override
  public synchronized Optional<String> cluster() {
    return read(() -> metadata("cluster"));
  }

  @Override
  public synchronized void saveContainerInstanceArn(String cluster, String arn) {
    transaction(() -> {
      putMetadata("cluster", cluster);
      putMetadata("container-instance-arn", arn);
      return null;
    });
  }

  @Override
  public synchronized List<TaskRecord> loadTasks() {
    return read(() -> {
      List<TaskRecord> out = new ArrayList<>();
      try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT arn, record FROM tasks ORDER BY rowid")) {
        while (r.next()) {
          out.add(fromJson(r.getString(2), TaskRecord.class, "task " + r.getString(1)));
        }
      }
      return out;
    });
  }

  @Override
  public synchronized List<PendingChange> saveTask(TaskRecord task, List<StateChange> changes) {
    return transaction(() -> {
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO tasks (arn, record) VALUES (?, ?) ON CONFLICT(arn) DO UPDATE SET record = excluded.record")) {
        p.setString(1, task.arn());
        p.setString(2, toJson(task));
        p.executeUpdate();
      }
      List<PendingChange> queued = new ArrayList<>();
      try (PreparedStatement p = db.prepareStatement("INSERT INTO outbox (task_arn, change) VALUES (?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        for (StateChange change : changes) {
          p.setString(1, change.taskArn());
          p.setString(2, toJson(change));
          p.executeUpdate();
          try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            queued.add(new PendingChange(keys.getLong(1), change));
          }
        }
      }
      return queued;
    });
  }

  @Override
  public synchronized void removeTask(String taskArn) {
    transaction(() -> {
      try (PreparedStatement p = db.prepareStatement("DELETE FROM tasks WHERE arn = ?")) {
        p.setString(1, taskArn);
        p.executeUpdate();
      }
      try (PreparedStatement p = db.prepareStatement(
          "INSERT OR REPLACE INTO tombstones (arn, removed_at) VALUES (?, ?)")) {
        p.setString(1, taskArn);
        p.setLong(2, clock.millis());
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public synchronized boolean wasRemoved(String taskArn) {
    return read(() -> {
      try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM tombstones WHERE arn = ?")) {
        p.setString(1, taskArn);
        try (ResultSet r = p.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public synchronized List<PendingChange> pendingChanges() {
    return read(() -> {
      List<PendingChange> out = new ArrayList<>();
      try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT seq, change FROM outbox ORDER BY seq")) {
        while (r.next()) {
          out.add(new PendingChange(r.getLong(1), fromJson(r.getString(2), StateChange.class, "outbox entry")));
        }
      }
      return out;
    });
  }

  @Override
  public synchronized void markSubmitted(long sequence) {
    transaction(() -> {
      try (PreparedStatement p = db.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
        p.setLong(1, sequence);
        p.executeUpdate();
      }
      return null;
    });
  }

  private Optional<String> metadata(String key) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT value FROM metadata WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private void putMetadata(String key, String value) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T read(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StateStoreException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  private <T> T transaction(SqlWork<T> work) {
    try {
      db.setAutoCommit(false);
      try {
        T result = work.run();
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StateStoreException("writing " + file + " failed: " + e.getMessage(), e);
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StateStoreException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T fromJson(String text, Class<T> type, String what) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw unreadable(file, what + " cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly(db);
  }

  private static void closeQuietly(Connection db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      log.debug("closing the state store: {}", e.getMessage());
    }
  }
}
