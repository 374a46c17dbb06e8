/** A catalog's shape with every text widened to string: the other language must have exactly these keys. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
