package org.ecsagent.emulator.taskdefs;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads task-level {@code cpu} and {@code memory}, which ECS accepts either as plain numbers
 * (CPU units, MiB) or with units ({@code "1 vCPU"}, {@code "2 GB"}).
 */
public final class TaskSize {
  private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");
  private static final int UNITS_PER_VCPU = 1024;
  private static final int MIB_PER_GB = 1024;

  private TaskSize() {}

  /** CPU units (1024 per vCPU), or -1 if the text is not a CPU amount. */
  public static int cpuUnits(String text) {
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "" -> amount.intValue();
      case "vcpu" -> amount.multiply(BigDecimal.valueOf(UNITS_PER_VCPU)).intValue();
      default -> -1;
    };
  }

  /** MiB, or -1 if the text is not a memory amount. */
  public static int memoryMiB(String text) {
    Matcher m = AMOUNT.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "mb", "mib" -> amount.intValue();
      case "gb", "gib" -> amount.multiply(BigDecimal.valueOf(MIB_PER_GB)).intValue();
      default -> -1;
    };
  }
}
