import { z } from "zod";

// Runs in the browser before the app's modules (Next's client instrumentation hook). The pages'
// Content-Security-Policy forbids eval, and zod 4 probes for it (`new Function`) when it builds
// its first object schema, to compile fast parsers; the probe is caught, but the browser still
// reports a violation. jitless: interpreted parsing, no probe. The server keeps the JIT.
z.config({ jitless: true });
