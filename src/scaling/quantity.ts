/**
 * Kubernetes quantities (`"10"`, `"500m"`, `"2Gi"`, `"1e3"`): the syntax of apimachinery's `resource.Quantity`,
 * which HPA targets (`averageValue`, `value`) are written in.
 */

/** A quantity as written in a manifest, or a plain number that will be written as one. */
export type QuantityInput = string | number;

// <sign>?<number><suffix>? where suffix is binary SI, decimal SI or a decimal exponent (apimachinery's grammar).
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|m|k|M|G|T|P|E)?$/;

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The numeric value of a quantity string (`"500m"` -> 0.5, `"2Ki"` -> 2048), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return n * 10 ** Number(suffix.slice(1));
}

/** Whether `text` is a Kubernetes quantity. */
export const isQuantity = (text: string): boolean => QUANTITY.test(text);

/**
 * A quantity as the manifest string: strings are kept as written (`"10"` stays `"10"`), numbers are written in
 * JavaScript's shortest form, which is always valid quantity syntax (`0.5`, `1e-7`, `1e+21`).
 */
export function quantityString(q: QuantityInput): string {
  return typeof q === 'number' ? String(q) : q;
}

/** The numeric value of a quantity input, or undefined when it is not a finite quantity. */
export function quantityValue(q: QuantityInput): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const v = parseQuantity(q);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
