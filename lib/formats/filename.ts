// File names and slugs: the one place text becomes a URL- or file-name-safe ASCII token, and the one
// Content-Disposition builder. Pure, browser-safe.

/**
 * A lowercase ASCII slug ("Cours d'été: Python" -> "cours-d-ete-python", at most `maxLength`
 * characters, no dash at either end), `fallback` when nothing is left.
 */
export function slugify(text: string, fallback: string, maxLength = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
  return slug || fallback;
}

/**
 * RFC 6266 Content-Disposition: an ASCII fallback name and the UTF-8 name (RFC 8187).
 * `asciiOnly` for names this app made from a slug (they need no UTF-8 form).
 */
export function contentDisposition(type: "inline" | "attachment", name: string, options: { asciiOnly?: boolean } = {}): string {
  const ascii =
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\%;]/g, "_")
      .trim() || "file";
  if (options.asciiOnly) return `${type}; filename="${ascii}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A download of a file this app generated (`filename` from slugify): private, never cached by a shared cache. */
export function download(body: string, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": contentDisposition("attachment", filename, { asciiOnly: true }),
      "cache-control": "private, no-store",
    },
  });
}
