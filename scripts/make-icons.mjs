// Draws public/'s PNG icons from public/icon.svg (the LogoMark of components/shell/Logo.tsx).
// Run once after changing the mark: `node scripts/make-icons.mjs`; the PNGs are committed.
import { readFileSync } from "node:fs";
import sharp from "sharp";

const svg = readFileSync(new URL("../public/icon.svg", import.meta.url), "utf8");
// Full bleed (no rounded corners): iOS and maskable launchers cut their own shape, and the two
// circles stay inside the maskable safe zone (a centred circle of 40% radius).
const square = svg.replace(' rx="9"', "");

const out = (name) => new URL(`../public/${name}`, import.meta.url).pathname;
const draw = (source, size, name) =>
  sharp(Buffer.from(source), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toFile(out(name));

await Promise.all([
  draw(svg, 192, "icon-192.png"),
  draw(svg, 512, "icon-512.png"),
  draw(square, 512, "icon-maskable-512.png"),
  draw(square, 180, "apple-touch-icon.png"),
]);
