import type { i18n } from 'i18next';

/** How each digit is read in Korean ends: 일, 칠, 팔 in ㄹ and 이, 사, 오, 구 in a vowel take 로; 영, 삼, 육 take 으로. */
const roAfterDigit = ['으로', '로', '로', '으로', '로', '로', '으로', '로', '로', '로'] as const;

/**
 * 으로 or 로 after a number, from how the number is read aloud: "종료 코드 3으로", "종료 코드 1로",
 * "종료 코드 137로", "종료 코드 10으로" (십). A number ending in zeros is read ending in its unit:
 * 십, 백, 천, 만, 억 take 으로, 조 takes 로.
 */
export function koreanRoParticle(value: number): '으로' | '로' {
  const digits = String(Math.abs(value)).replace(/\D/g, '');
  const lastDigit = (): '으로' | '로' => roAfterDigit[Number(digits.at(-1) ?? 0)] ?? '으로';
  if (!Number.isInteger(value)) return lastDigit();
  const trailingZeros = /0*$/.exec(digits)?.[0].length ?? 0;
  if (trailingZeros === 0 || trailingZeros === digits.length) return lastDigit();
  return trailingZeros >= 12 && trailingZeros < 16 ? '로' : '으로';
}

/** The formats the catalogs may use, e.g. "종료 코드 {{code, 으로}} 끝났어요". */
export const catalogFormats = {
  /** The value followed by 으로 or 로; a value that is not a number keeps both, "?(으)로". */
  으로: (value: unknown): string => {
    const number =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(number) ? `${String(value)}${koreanRoParticle(number)}` : `${String(value)}(으)로`;
  },
} as const;

/** Registers the catalogs' formats on an i18next instance, after its init. */
export function addCatalogFormats(instance: i18n): void {
  for (const [name, format] of Object.entries(catalogFormats)) instance.services.formatter?.add(name, format);
}
