import type { Language } from '../i18n';

/*
 * Counters in running text read as words ("vier van de acht centra"), as a report is written.
 * Whole numbers 0..100 in words, larger ones in digits (as Dutch and English style guides
 * advise). Hand-written: Intl has no number-to-words, and no well-kept package covers Dutch.
 */
const NL_UNITS = [
  'nul',
  'één',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
];
const NL_TENS = ['', '', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig'];
const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export function numberInWords(value: number, language: Language): string {
  if (!Number.isInteger(value) || value < 0 || value > 100) return String(value);
  const english = language === 'en';
  if (value === 100) return english ? 'one hundred' : 'honderd';
  const units = english ? EN_UNITS : NL_UNITS;
  if (value < 20) return units[value] as string;
  const tens = (english ? EN_TENS : NL_TENS)[Math.floor(value / 10)] as string;
  const unit = value % 10;
  if (unit === 0) return tens;
  if (english) return `${tens}-${units[unit] as string}`;
  // Dutch: unit first, "en" (with a diaeresis after a final e: tweeëntwintig, drieëntwintig).
  const first = unit === 1 ? 'een' : (units[unit] as string);
  return `${first}${first.endsWith('e') ? 'ën' : 'en'}${tens}`;
}
