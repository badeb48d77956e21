import { ALLOWED_TYPES, type AllowedMime, type UploadKind } from "./schemas";

const MAX_NAME = 120;
// C0/C1 controls, and bidi overrides that make "photo\u202Egpj.exe" display as "photoexe.jpg".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name an upload is stored and served under: the client's base name without any path,
 * cleaned, with an extension that matches the sniffed type (so "evil.html" holding a PNG is
 * served as "evil.png").
 */
export function storedName(raw: string, mime: AllowedMime, kind: UploadKind): string {
  const allowed: readonly string[] = ALLOWED_TYPES[mime].ext;
  let name = (raw.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(UNSAFE_CHARS, "").trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, "");
  const dot = name.lastIndexOf(".");
  let base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let finalExt = allowed[0]!;
  if (allowed.includes(ext)) finalExt = ext;
  else if (ext && !/^[a-z0-9]{1,5}$/.test(ext)) base = name; // not an extension: keep it in the name
  base = base.trim() || (kind === "file" ? "file" : kind);
  const room = MAX_NAME - finalExt.length - 1;
  if (base.length > room) base = Array.from(base).slice(0, room).join("").trim();
  return `${base}.${finalExt}`;
}
