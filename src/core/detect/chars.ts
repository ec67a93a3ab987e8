/**
 * The characters the detector compares code units with, by name: `codes[i] ===
 * Ch.HYPHEN` rather than `=== 45`. A const enum, so each use compiles to the number itself.
 * Letters are named by themselves (`Ch.s` is "s"); `c | Case.LOWER` lowers an ASCII capital.
 */
export const enum Ch {
  TAB = 0x09,
  LF = 0x0a, // line feed
  CR = 0x0d, // carriage return
  /** A space; also the bit that, or'ed onto an ASCII letter, gives its lower case (`Case.LOWER`). */
  SPACE = 0x20,
  EXCLAMATION = 0x21, // !
  QUOTE = 0x22, // "
  HASH = 0x23, // #
  DOLLAR = 0x24, // $
  PERCENT = 0x25, // %
  AMPERSAND = 0x26, // &
  APOSTROPHE = 0x27, // '
  OPEN_PAREN = 0x28, // (
  CLOSE_PAREN = 0x29, // )
  ASTERISK = 0x2a, // *
  PLUS = 0x2b, // +
  COMMA = 0x2c, // ,
  HYPHEN = 0x2d, // -
  PERIOD = 0x2e, // .
  SLASH = 0x2f, // /
  ZERO = 0x30, // 0
  ONE = 0x31, // 1
  TWO = 0x32, // 2
  THREE = 0x33, // 3
  NINE = 0x39, // 9
  COLON = 0x3a, // :
  SEMICOLON = 0x3b, // ;
  LESS = 0x3c, // <
  EQUALS = 0x3d, // =
  GREATER = 0x3e, // >
  QUESTION = 0x3f, // ?
  AT = 0x40, // @
  A = 0x41,
  B = 0x42,
  C = 0x43,
  E = 0x45,
  F = 0x46,
  N = 0x4e,
  R = 0x52,
  S = 0x53,
  W = 0x57,
  Z = 0x5a,
  OPEN_BRACKET = 0x5b, // [
  BACKSLASH = 0x5c, // \\
  CLOSE_BRACKET = 0x5d, // ]
  CARET = 0x5e, // ^
  UNDERSCORE = 0x5f, // _
  BACKTICK = 0x60, // `
  a = 0x61,
  b = 0x62,
  c = 0x63,
  d = 0x64,
  e = 0x65,
  f = 0x66,
  g = 0x67,
  h = 0x68,
  i = 0x69,
  l = 0x6c,
  m = 0x6d,
  n = 0x6e,
  o = 0x6f,
  p = 0x70,
  s = 0x73,
  t = 0x74,
  u = 0x75,
  w = 0x77,
  x = 0x78,
  y = 0x79,
  z = 0x7a,
  OPEN_BRACE = 0x7b, // {
  PIPE = 0x7c, // |
  CLOSE_BRACE = 0x7d, // }
  TILDE = 0x7e, // ~
  NBSP = 0xa0, // no-break space
  CENT = 0xa2, // ¢
  COPYRIGHT = 0xa9, // ©
  LEFT_GUILLEMET = 0xab, // «
  DEGREE = 0xb0, // °
  SUPERSCRIPT_TWO = 0xb2, // ²
  SUPERSCRIPT_THREE = 0xb3, // ³
  ONE_QUARTER = 0xbc, // ¼, the first of the vulgar fractions
  MODIFIER_APOSTROPHE = 0x02bc, // ʼ
  THIN_SPACE = 0x2009,
  UNICODE_HYPHEN = 0x2010, // ‐
  NON_BREAKING_HYPHEN = 0x2011, // ‑
  EN_DASH = 0x2013, // –
  EM_DASH = 0x2014, // —
  LEFT_SINGLE_QUOTE = 0x2018, // ‘
  RIGHT_SINGLE_QUOTE = 0x2019, // ’
  LOW_SINGLE_QUOTE = 0x201a, // ‚
  LEFT_DOUBLE_QUOTE = 0x201c, // “
  RIGHT_DOUBLE_QUOTE = 0x201d, // ”
  LOW_DOUBLE_QUOTE = 0x201e, // „
  BULLET = 0x2022, // •
  ELLIPSIS = 0x2026, // …
  NARROW_NBSP = 0x202f, // narrow no-break space
  MINUS_SIGN = 0x2212, // −
  ALMOST_EQUAL = 0x2248, // ≈
  LESS_EQUAL = 0x2264, // ≤
  GREATER_EQUAL = 0x2265, // ≥
}

/** Or'ed onto an ASCII letter's code, gives its lower case: `(c | Case.LOWER) === Ch.s`. */
export const enum Case {
  LOWER = 0x20,
}
