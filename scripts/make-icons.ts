/**
 * `npm run icons`: draws Berth's mark (a small boat carrying stacked containers, as in
 * src/renderer/public/favicon.svg) and writes the PNGs in resources/:
 *
 * - trayTemplate.png (16×16) and trayTemplate@2x.png (32×32): black and alpha, a macOS template image
 *   the menu bar tints itself; trayStartingTemplate (the containers faded: loading), trayStoppedTemplate
 *   (a hollow mark), trayErrorTemplate (an exclamation badge), trayPullingTemplate (a down-arrow badge).
 * - tray.png, trayStarting.png, … with @2x: the same in colour, for Linux and Windows.
 * - icon.png (1024×1024): the app icon electron-builder turns into .icns, .ico and the Linux icons.
 *
 * No dependency: shapes are tested point by point with supersampling (anti-aliased edges), and the
 * PNG encoder is a few lines on node:zlib. The output is deterministic, so the files can be committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// ---------------------------------------------------------------------------------------------------
// Shapes, in design units

export interface Shape {
  /** [x0, y0, x1, y1]: nothing of the shape lies outside. */
  bbox: [number, number, number, number];
  inside(x: number, y: number): boolean;
}

export function rect(x0: number, y0: number, x1: number, y1: number, radius = 0): Shape {
  const r = Math.min(radius, (x1 - x0) / 2, (y1 - y0) / 2);
  return {
    bbox: [x0, y0, x1, y1],
    inside(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      if (r <= 0) return true;
      const cx = Math.min(Math.max(x, x0 + r), x1 - r);
      const cy = Math.min(Math.max(y, y0 + r), y1 - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
  };
}

export function circle(cx: number, cy: number, r: number): Shape {
  return { bbox: [cx - r, cy - r, cx + r, cy + r], inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r };
}

export function polygon(points: ReadonlyArray<readonly [number, number]>): Shape {
  const xs = points.map((point) => point[0]);
  const ys = points.map((point) => point[1]);
  return {
    bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    inside(x, y) {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i]!;
        const [xj, yj] = points[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    },
  };
}

export function union(...shapes: Shape[]): Shape {
  return {
    bbox: [
      Math.min(...shapes.map((shape) => shape.bbox[0])),
      Math.min(...shapes.map((shape) => shape.bbox[1])),
      Math.max(...shapes.map((shape) => shape.bbox[2])),
      Math.max(...shapes.map((shape) => shape.bbox[3])),
    ],
    inside: (x, y) => shapes.some((shape) => shape.inside(x, y)),
  };
}

export function subtract(shape: Shape, ...holes: Shape[]): Shape {
  return { bbox: shape.bbox, inside: (x, y) => shape.inside(x, y) && !holes.some((hole) => hole.inside(x, y)) };
}

export function intersect(a: Shape, b: Shape): Shape {
  return {
    bbox: [
      Math.max(a.bbox[0], b.bbox[0]),
      Math.max(a.bbox[1], b.bbox[1]),
      Math.min(a.bbox[2], b.bbox[2]),
      Math.min(a.bbox[3], b.bbox[3]),
    ],
    inside: (x, y) => a.inside(x, y) && b.inside(x, y),
  };
}

/** A rounded rectangle's outline, `width` wide, inside its edge. */
export function rectOutline(x0: number, y0: number, x1: number, y1: number, width: number, radius = 0): Shape {
  return subtract(
    rect(x0, y0, x1, y1, radius),
    rect(x0 + width, y0 + width, x1 - width, y1 - width, Math.max(0, radius - width)),
  );
}

// ---------------------------------------------------------------------------------------------------
// A canvas of straight (not premultiplied) RGBA in 0…1

export type Rgba = readonly [number, number, number, number];
export type Paint = Rgba | ((x: number, y: number) => Rgba);

export class Canvas {
  readonly data: Float64Array;
  constructor(
    readonly size: number,
    /** Design units across the canvas (16 for the tray mark, 1024 for the app icon). */
    readonly grid: number,
    /** Samples per pixel side: 8 gives 64 samples per pixel. */
    readonly samples = 8,
  ) {
    this.data = new Float64Array(size * size * 4);
  }

  /** Source-over: the shape's coverage of each pixel times the paint's alpha. */
  fill(shape: Shape, paint: Paint): this {
    this.each(shape, (index, coverage, x, y) => {
      const [r, g, b, a] = typeof paint === 'function' ? paint(x, y) : paint;
      const sa = a * coverage;
      const d = this.data;
      const da = d[index + 3]!;
      const oa = sa + da * (1 - sa);
      if (oa <= 0) return;
      d[index] = (r * sa + d[index]! * da * (1 - sa)) / oa;
      d[index + 1] = (g * sa + d[index + 1]! * da * (1 - sa)) / oa;
      d[index + 2] = (b * sa + d[index + 2]! * da * (1 - sa)) / oa;
      d[index + 3] = oa;
    });
    return this;
  }

  /** Makes the shape transparent (a knockout around a badge), by its coverage. */
  erase(shape: Shape): this {
    this.each(shape, (index, coverage) => {
      this.data[index + 3] = this.data[index + 3]! * (1 - coverage);
    });
    return this;
  }

  private each(shape: Shape, visit: (index: number, coverage: number, x: number, y: number) => void): void {
    const scale = this.size / this.grid;
    const [bx0, by0, bx1, by1] = shape.bbox;
    const px0 = Math.max(0, Math.floor(bx0 * scale));
    const py0 = Math.max(0, Math.floor(by0 * scale));
    const px1 = Math.min(this.size - 1, Math.ceil(bx1 * scale));
    const py1 = Math.min(this.size - 1, Math.ceil(by1 * scale));
    const n = this.samples;
    for (let py = py0; py <= py1; py++) {
      for (let px = px0; px <= px1; px++) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          const y = (py + (sy + 0.5) / n) / scale;
          for (let sx = 0; sx < n; sx++) {
            if (shape.inside((px + (sx + 0.5) / n) / scale, y)) hits++;
          }
        }
        if (hits > 0) visit((py * this.size + px) * 4, hits / (n * n), (px + 0.5) / scale, (py + 0.5) / scale);
      }
    }
  }

  /** 8-bit RGBA rows. */
  toRgba8(): Uint8Array {
    const out = new Uint8Array(this.data.length);
    for (let i = 0; i < this.data.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, this.data[i]!)) * 255);
    return out;
  }

  /** A bigger copy, each pixel a block (to look at a 32 px icon closely). */
  scaled(factor: number): { size: number; rgba: Uint8Array } {
    const rgba = this.toRgba8();
    const size = this.size * factor;
    const out = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const from = (Math.floor(y / factor) * this.size + Math.floor(x / factor)) * 4;
        out.set(rgba.subarray(from, from + 4), (y * size + x) * 4);
      }
    }
    return { size, rgba: out };
  }
}

// ---------------------------------------------------------------------------------------------------
// PNG

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG (colour type 6), each row with the Paeth-free "up" or "none" filter, whichever is smaller. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('encodePng: the pixel buffer does not match the size');
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const offset = y * (stride + 1);
    if (y === 0) {
      raw[offset] = 0;
      raw.set(row, offset + 1);
      continue;
    }
    // "Up" (filter 2) when it gives more zero bytes: flat areas compress much better.
    const above = rgba.subarray((y - 1) * stride, y * stride);
    let zerosUp = 0;
    let zerosNone = 0;
    for (let i = 0; i < stride; i++) {
      if (((row[i]! - above[i]!) & 0xff) === 0) zerosUp++;
      if (row[i] === 0) zerosNone++;
    }
    if (zerosUp > zerosNone) {
      raw[offset] = 2;
      for (let i = 0; i < stride; i++) raw[offset + 1 + i] = (row[i]! - above[i]!) & 0xff;
    } else {
      raw[offset] = 0;
      raw.set(row, offset + 1);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Reads back what encodePng writes (8-bit RGBA, filters none and up): for the tests, which compare pixels, not bytes. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const { width, height } = pngSize(png);
  const buffer = Buffer.from(png);
  const parts: Buffer[] = [];
  for (let offset = 8; offset < buffer.length;) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    if (type === 'IHDR' && (buffer[offset + 16] !== 8 || buffer[offset + 17] !== 6)) {
      throw new Error('decodePng: only 8-bit RGBA');
    }
    if (type === 'IDAT') parts.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(parts));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      if (filter === 0) rgba[y * stride + i] = row[i]!;
      else if (filter === 2) rgba[y * stride + i] = (row[i]! + (y > 0 ? rgba[(y - 1) * stride + i]! : 0)) & 0xff;
      else throw new Error(`decodePng: filter ${filter} is not supported`);
    }
  }
  return { width, height, rgba };
}

/** Width and height from a PNG's IHDR (for tests and checks). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(png);
  if (buffer.toString('latin1', 1, 4) !== 'PNG' || buffer.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------------------
// The mark, on a 16-unit grid (one unit is a pixel of trayTemplate.png, two of the @2x one)

export type TrayVariant = 'running' | 'starting' | 'stopped' | 'error' | 'pulling';

const hex = (value: string, alpha = 1): Rgba => [
  Number.parseInt(value.slice(1, 3), 16) / 255,
  Number.parseInt(value.slice(3, 5), 16) / 255,
  Number.parseInt(value.slice(5, 7), 16) / 255,
  alpha,
];

const black: Rgba = [0, 0, 0, 1];
const white: Rgba = [1, 1, 1, 1];

/** The hull, and the three containers on deck: left middle-high, middle low, right tall (as in the favicon). */
const mark = {
  hull: polygon([
    [0.5, 10],
    [15.5, 10],
    [13.25, 14],
    [2.75, 14],
  ]),
  hullBox: [0.5, 10, 15.5, 14] as const,
  // On whole units, so the 16 px icon has crisp edges.
  blocks: [
    [2, 4, 5, 9],
    [6, 6, 10, 9],
    [11, 2, 14, 9],
  ] as const,
};

/** The hull's outline: the hull minus the hull shrunk by `width` (its slanted sides shrink along their normal). */
function hullOutline(width: number): Shape {
  const slant = 2.25 / 4; // the sides move 2.25 across for 4 down
  const inset = width * Math.sqrt(1 + slant * slant);
  return subtract(
    mark.hull,
    polygon([
      [0.5 + inset + width * slant, 10 + width],
      [15.5 - inset - width * slant, 10 + width],
      [13.25 - inset + width * slant, 14 - width],
      [2.75 + inset - width * slant, 14 - width],
    ]),
  );
}

/** A badge takes the tall container's place on deck. */
const badgeCenter = [12.75, 5] as const;
const badgeRadius = 3.25;

function badge(kind: 'error' | 'pulling'): { disc: Shape; symbol: Shape; knockout: Shape } {
  const [cx, cy] = badgeCenter;
  const symbol =
    kind === 'error'
      ? union(rect(cx - 0.55, cy - 2.2, cx + 0.55, cy + 0.6, 0.25), circle(cx, cy + 1.6, 0.6))
      : union(
          rect(cx - 0.55, cy - 2.3, cx + 0.55, cy + 0.1),
          polygon([
            [cx - 2, cy - 0.2],
            [cx + 2, cy - 0.2],
            [cx, cy + 2.1],
          ]),
        );
  return { disc: circle(cx, cy, badgeRadius), symbol, knockout: circle(cx, cy, badgeRadius + 1) };
}

interface MarkColours {
  hull: Rgba;
  blocks: [Rgba, Rgba, Rgba];
  badge: Rgba;
  /** Template images cut the badge's symbol out; colour icons draw it white. */
  symbol: Rgba | 'cut';
}

const templateColours: MarkColours = { hull: black, blocks: [black, black, black], badge: black, symbol: 'cut' };

const colourPalette = {
  hull: hex('#0284c7'),
  blocks: [hex('#f97316'), hex('#eab308'), hex('#14b8a6')] as [Rgba, Rgba, Rgba],
  grey: hex('#64748b'),
  error: hex('#dc2626'),
  pulling: hex('#2563eb'),
};

export function drawTrayMark(size: number, variant: TrayVariant, colour: boolean): Canvas {
  const canvas = new Canvas(size, 16, 8);
  const colours: MarkColours = colour
    ? {
        hull: variant === 'stopped' ? colourPalette.grey : colourPalette.hull,
        blocks:
          variant === 'stopped' ? [colourPalette.grey, colourPalette.grey, colourPalette.grey] : colourPalette.blocks,
        badge: variant === 'error' ? colourPalette.error : colourPalette.pulling,
        symbol: white,
      }
    : templateColours;
  const stroke = 1;

  if (variant === 'stopped') {
    // A hollow mark: the engine is not running, the boat is empty.
    canvas.fill(hullOutline(stroke), colours.hull);
    mark.blocks.forEach(([x0, y0, x1, y1], index) =>
      canvas.fill(rectOutline(x0, y0, x1, y1, stroke), colours.blocks[index]!),
    );
    return canvas;
  }

  const badged = variant === 'error' || variant === 'pulling';
  canvas.fill(mark.hull, colours.hull);
  mark.blocks.forEach(([x0, y0, x1, y1], index) => {
    if (badged && index === 2) return;
    const fill = colours.blocks[index]!;
    // Starting: the containers are still being loaded, faded.
    const faded: Rgba = variant === 'starting' ? [fill[0], fill[1], fill[2], fill[3] * 0.35] : fill;
    canvas.fill(rect(x0, y0, x1, y1), faded);
  });

  if (badged) {
    const { disc, symbol, knockout } = badge(variant);
    canvas.erase(knockout);
    canvas.fill(disc, colours.badge);
    if (colours.symbol === 'cut') canvas.erase(symbol);
    else canvas.fill(symbol, colours.symbol);
  }
  return canvas;
}

// ---------------------------------------------------------------------------------------------------
// The app icon, on a 1024 grid (the macOS icon grid: an 824-unit body with room for its shadow)

export function drawAppIcon(size = 1024): Canvas {
  const canvas = new Canvas(size, 1024, size >= 512 ? 3 : 6);
  const body: [number, number, number, number] = [100, 100, 924, 924];
  const radius = 185;
  const bodyShape = rect(...body, radius);

  // A soft shadow under the body.
  const shadowOffset = 14;
  for (let step = 0; step < 8; step++) {
    const grow = step * 3;
    canvas.fill(
      rect(body[0] - grow, body[1] - grow + shadowOffset, body[2] + grow, body[3] + grow + shadowOffset, radius + grow),
      [0, 0, 0, 0.035],
    );
  }

  // Sky: light at the top, deep blue at the horizon.
  const top = hex('#7dd3fc');
  const bottom = hex('#0369a1');
  canvas.fill(bodyShape, (_x, y) => {
    const t = Math.min(1, Math.max(0, (y - body[1]) / (body[3] - body[1])));
    return [top[0] + (bottom[0] - top[0]) * t, top[1] + (bottom[1] - top[1]) * t, top[2] + (bottom[2] - top[2]) * t, 1];
  });

  // The sea: two waves across the lower part, clipped to the body.
  const wave = (base: number, amplitude: number, length: number, phase: number): Shape => ({
    bbox: [body[0], base - amplitude, body[2], body[3]],
    inside: (x, y) => y >= base + amplitude * Math.sin((x / length) * 2 * Math.PI + phase),
  });
  canvas.fill(intersect(bodyShape, wave(690, 14, 260, 0.6)), hex('#0c4a6e', 0.55));
  canvas.fill(intersect(bodyShape, wave(770, 12, 200, 2.1)), hex('#082f49', 0.6));

  // The containers on deck, each with its corrugation.
  const blocks: Array<[number, number, number, number, Rgba]> = [
    [262, 410, 422, 608, hex('#f97316')],
    [442, 478, 602, 608, hex('#facc15')],
    [622, 318, 782, 608, hex('#14b8a6')],
  ];
  for (const [x0, y0, x1, y1, colour] of blocks) {
    canvas.fill(rect(x0, y0, x1, y1, 16), colour);
    canvas.fill(rect(x0, y0, x1, y0 + 22, 16), [1, 1, 1, 0.18]);
    for (let x = x0 + 30; x < x1 - 20; x += 34) canvas.fill(rect(x, y0 + 34, x + 10, y1 - 18, 5), [0, 0, 0, 0.16]);
  }

  // The hull, white, with a blue stripe.
  const hull = polygon([
    [196, 626],
    [828, 626],
    [752, 770],
    [272, 770],
  ]);
  canvas.fill(hull, hex('#f8fafc'));
  canvas.fill(intersect(hull, rect(150, 690, 880, 716)), hex('#0284c7'));
  return canvas;
}

// ---------------------------------------------------------------------------------------------------

const trayFileVariant: Record<TrayVariant, string> = {
  running: '',
  starting: 'Starting',
  stopped: 'Stopped',
  error: 'Error',
  pulling: 'Pulling',
};

/** The tray icons, by file name, with their pixels: every variant, template and colour, 16 px and @2x. */
export function renderTrayIcons(): Array<{ name: string; canvas: Canvas }> {
  const files: Array<{ name: string; canvas: Canvas }> = [];
  for (const variant of Object.keys(trayFileVariant) as TrayVariant[]) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ] as const) {
      const base = `tray${trayFileVariant[variant]}`;
      files.push({ name: `${base}Template${suffix}.png`, canvas: drawTrayMark(size, variant, false) });
      files.push({ name: `${base}${suffix}.png`, canvas: drawTrayMark(size, variant, true) });
    }
  }
  return files;
}

/** Every file this script writes, by name, with its pixels. */
export function renderAll(): Array<{ name: string; canvas: Canvas }> {
  return [...renderTrayIcons(), { name: 'icon.png', canvas: drawAppIcon(1024) }];
}

function main(): void {
  const root = path.resolve(__dirname, '..');
  const outDir = path.join(root, 'resources');
  const previewDir = process.env.BERTH_ICON_PREVIEW_DIR;
  fs.mkdirSync(outDir, { recursive: true });
  for (const { name, canvas } of renderAll()) {
    const png = encodePng(canvas.size, canvas.size, canvas.toRgba8());
    fs.writeFileSync(path.join(outDir, name), png);
    console.log(`resources/${name}  ${canvas.size}×${canvas.size}  ${png.length} bytes`);
    if (previewDir && canvas.size <= 32) {
      // Blown up, to look at the pixels (on a checkerboard-free transparent background).
      fs.mkdirSync(previewDir, { recursive: true });
      const big = canvas.scaled(canvas.size === 16 ? 16 : 8);
      fs.writeFileSync(path.join(previewDir, name), encodePng(big.size, big.size, big.rgba));
    }
  }
}

// Run by `npm run icons`; imported (tests), it only exports.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) main();
