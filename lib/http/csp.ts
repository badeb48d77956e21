// The pages' Content-Security-Policy (docs/accounts.md, "Content-Security-Policy"). Pure: proxy.ts
// builds one per request with a fresh nonce; Next reads the nonce from the request's copy and puts
// it on its own scripts and styles.

export interface CspOptions {
  nonce: string;
  /** `next dev`: React's debugging needs eval, the dev overlay inline styles. */
  dev: boolean;
  /** Origins of the meeting embeds (Jitsi), allowed as frames and as the IFrame API's script. */
  jitsiOrigin?: string;
  /** UploadThing takes the bytes straight from the browser when configured. */
  uploadthing: boolean;
  /** Only over HTTPS: on plain-HTTP development hosts it would break every request. */
  https: boolean;
}

const YOUTUBE = ["https://www.youtube.com", "https://www.youtube-nocookie.com"];
const UPLOADTHING = ["https://*.ingest.uploadthing.com", "https://*.ufs.sh", "https://utfs.io"];

export function buildCsp(o: CspOptions): string {
  const nonce = `'nonce-${o.nonce}'`;
  const jitsi = o.jitsiOrigin ? [o.jitsiOrigin] : [];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    // 'strict-dynamic': what a nonced script loads (YouTube's and Jitsi's IFrame APIs) runs too;
    // the host list is for browsers without strict-dynamic.
    ["script-src", ["'self'", nonce, "'strict-dynamic'", ...YOUTUBE, ...jitsi, ...(o.dev ? ["'unsafe-eval'"] : [])]],
    // Style elements need the nonce (in development the overlay injects its own, hence unsafe-inline);
    // style attributes (React's `style={...}`) cannot carry a nonce and change no script.
    ["style-src", ["'self'", ...(o.dev ? ["'unsafe-inline'"] : [nonce])]],
    ["style-src-attr", ["'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:", "https://i.ytimg.com"]],
    ["media-src", ["'self'", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'", ...(o.uploadthing ? UPLOADTHING : [])]],
    ["frame-src", [...YOUTUBE, ...jitsi]],
    ["worker-src", ["'self'", "blob:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  const policy = directives.map(([name, values]) => `${name} ${values.join(" ")}`);
  if (o.https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
