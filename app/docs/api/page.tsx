import type { Metadata } from "next";
import { buildOpenApi } from "@/lib/openapi/document";
import { Icon } from "@/components/ui/Icon";

export const metadata: Metadata = { title: "API reference · Mem2gether" };

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  format?: string;
  $ref?: string;
};
type Param = { name: string; in: string; required: boolean; schema: Schema };
type Op = {
  summary: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  security: object[];
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200",
  patch: "bg-violet-100 text-violet-800 dark:bg-violet-900/60 dark:text-violet-200",
  delete: "bg-rose-100 text-rose-800 dark:bg-rose-900/60 dark:text-rose-200",
};

function typeLabel(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeLabel).join(" | ");
  if (s.type === "array" && s.items) return `${typeLabel(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function constraints(s: Schema): string {
  const parts: string[] = [];
  if (s.minLength !== undefined) parts.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) parts.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined && s.minimum > -1e15) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < 1e15) parts.push(`≤ ${s.maximum}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

/** `code` spans in descriptions as code, the rest as text. */
function Rich({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="rounded bg-surface-3 px-1 font-mono text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function flatten(s: Schema): Schema {
  if (!s.allOf) return s;
  const props: Record<string, Schema> = {};
  const required: string[] = [];
  for (const part of s.allOf.map(flatten)) {
    Object.assign(props, part.properties);
    required.push(...(part.required ?? []));
  }
  return { type: "object", properties: props, required };
}

function Fields({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const s = flatten(schema);
  const entries = Object.entries(s.properties ?? {});
  if (!entries.length) return <p className="text-sm text-fg-muted">{typeLabel(s)}</p>;
  return (
    <ul className={depth ? "ml-4 border-l border-border pl-3" : ""}>
      {entries.map(([name, field]) => {
        const inner = field.type === "array" && field.items ? flatten(field.items) : flatten(field);
        return (
          <li key={name} className="py-1 text-sm">
            <code className="font-semibold">{name}</code>
            {s.required?.includes(name) ? <span className="ml-1 text-danger">*</span> : null}
            <span className="ml-2 text-fg-muted">{typeLabel(field)}</span>
            {constraints(field) ? <span className="ml-2 text-xs text-fg-muted">{constraints(field)}</span> : null}
            {field.description ? <p className="text-xs text-fg-muted">{field.description}</p> : null}
            {inner.properties && depth < 3 ? <Fields schema={inner} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function ApiDocsPage() {
  const doc = buildOpenApi();
  const byTag = new Map<string, { path: string; method: string; op: Op }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, Op>)) {
      const tag = op.tags[0] ?? "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ path, method, op });
    }
  }
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 text-fg">
      <h1 className="text-3xl font-bold">Mem2gether API</h1>
      <p className="mt-2 max-w-3xl text-fg-muted">
        <Rich text={doc.info.description} />
      </p>
      <p className="mt-2 text-sm">
        Machine-readable:{" "}
        <a className="text-accent underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1, generated from the same zod schemas the handlers parse with).
      </p>
      <nav aria-label="Sections" className="mt-6 flex flex-wrap gap-2">
        {[...byTag.keys()].map((tag) => (
          <a
            key={tag}
            href={`#${tag}`}
            className="rounded-full border border-border-strong px-3 py-1 text-sm capitalize hover:bg-surface-2"
          >
            {tag}
          </a>
        ))}
      </nav>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section key={tag} id={tag} className="mt-10">
          <h2 className="text-2xl font-semibold capitalize">{tag}</h2>
          {ops.map(({ path, method, op }) => {
            const body = op.requestBody && Object.entries(op.requestBody.content)[0];
            const okStatus = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
            const ok = op.responses[okStatus]!;
            const okSchema = ok.content && Object.values(ok.content)[0]?.schema;
            return (
              // Collapsed, as in Swagger UI or Redoc: the list reads as an index of ~130 operations,
              // and each opens in place (find in page opens them too).
              <details key={method + path} id={`${method}-${path}`} className="group mt-3 rounded-lg border border-border open:shadow-sm">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-lg p-3 hover:bg-surface-2 focus-visible:outline-2 focus-visible:outline-ring sm:px-4 [&::-webkit-details-marker]:hidden">
                  <Icon name="chevronRight" size={16} className="shrink-0 text-fg-subtle transition-transform group-open:rotate-90" />
                  <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}>
                    {method}
                  </span>
                  <code className={`font-mono text-sm break-all ${op.deprecated ? "line-through decoration-fg-subtle" : ""}`}>{path}</code>
                  <span className="text-sm text-fg-muted">{op.summary}</span>
                  {op.deprecated ? (
                    <span className="rounded border border-border-strong px-1.5 text-xs font-medium text-fg-muted">deprecated</span>
                  ) : null}
                  <span className="ml-auto text-xs text-fg-muted">{op.security.length ? "auth required" : "public"}</span>
                </summary>
                <div className="border-t border-border px-4 pb-4 sm:px-5">
                  {op.description ? (
                    <p className="mt-2 text-sm text-fg-muted">
                      <Rich text={op.description} />
                    </p>
                  ) : null}
                  {op.parameters?.length ? (
                    <div className="mt-3">
                      <h3 className="text-xs font-semibold uppercase tracking-wide text-fg-muted">Parameters</h3>
                      <ul>
                        {op.parameters.map((p) => (
                          <li key={p.in + p.name} className="py-1 text-sm">
                            <code className="font-semibold">{p.name}</code>
                            <span className="ml-2 text-xs text-fg-muted">in {p.in}</span>
                            {p.required ? <span className="ml-1 text-danger">*</span> : null}
                            <span className="ml-2 text-fg-muted">{typeLabel(p.schema)}</span>
                            {constraints(p.schema) ? <span className="ml-2 text-xs text-fg-muted">{constraints(p.schema)}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  {body ? (
                    <div className="mt-3">
                      <h3 className="text-xs font-semibold uppercase tracking-wide text-fg-muted">Body ({body[0]})</h3>
                      <Fields schema={body[1].schema} />
                    </div>
                  ) : null}
                  <div className="mt-3">
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-fg-muted">Response {okStatus}</h3>
                    {okSchema ? <Fields schema={okSchema} /> : <p className="text-sm">{ok.description}</p>}
                  </div>
                  <p className="mt-3 text-xs text-fg-muted">
                    Errors:{" "}
                    {Object.keys(op.responses)
                      .filter((s) => !s.startsWith("2"))
                      .join(", ")}
                  </p>
                </div>
              </details>
            );
          })}
        </section>
      ))}
    </div>
  );
}
