/**
 * Numeric claims: the whole expression around a number (currency, scale word, unit,
 * approximation words, a range's second end), with a subtype and, when plain, a value.
 *
 * The scan calls in here only at candidates: a digit (`numberAtDigit`), or a word the
 * lexicon knows as a number word (`numberAtWord`). From there the expression is grown right
 * (suffixes, ranges, units, rates) and then left (approximations, currency codes, months),
 * looking at a few words each way. Words are compared in place (`WordTable`, `isWord`)
 * because this runs tens of thousands of times per megabyte and building strings would
 * dominate its cost.
 *
 * One file per family of forms, as the sections of the fixture files name them:
 *
 * - reader.ts: the reader's state (`NumberReader`), the atom and expression it builds
 * - digits.ts: figures, separators, decimals, glued suffixes, clock times, slashed fractions
 * - scales.ts: scale words after a figure ("3 million", "9 hundred and 2")
 * - words.ts: numbers in words: cardinals, ordinals, multiples, vague amounts
 * - fractions.ts: fractions, halves, ratios ("one in five"), decimals read aloud
 * - currency.ts: currency before and after the figure, coins
 * - units.ts: measures, durations, percent words, unit tails ("km/h", "m²")
 * - approximations.ts: bounds before the number ("more than", "~")
 * - ranges.ts: ranges ("10-12", "between 2 kg and 5 kg")
 * - dates.ts: dates and years; ages.ts: ages; rates.ts: counted nouns and rates
 * - expression.ts: completes an expression and stores it; the entry points
 * - furniture.ts: page furniture whose numbers are no claims
 */
export { NumberReader } from './reader';
export { numberAtDigit, numberAtWord } from './expression';
export { isFurniture } from './furniture';
