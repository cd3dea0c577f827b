package io.outrun.triggers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A config enum's constant as it is written in JSON and stored: {@code buffer_one}, not BUFFER_ONE.
 */
interface WireName {

  String wireName();

  /** The constant whose wire name is {@code text}, ignoring case and surrounding blanks. */
  static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String text) {
    String wanted = text.strip();
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.wireName().equalsIgnoreCase(wanted))
        .findFirst();
  }

  /** Every wire name of {@code type}, in declaration order. */
  static <E extends Enum<E> & WireName> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).toList();
  }
}
