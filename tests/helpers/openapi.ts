// Answers checked against /api/openapi.json with a strict JSON Schema 2020-12 validator (Ajv in
// strict mode: a schema Ajv finds ambiguous throws, so a loose document fails the test too).
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
};

export interface Answer {
  method: string;
  /** Path as requested (query string allowed). */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

/** `#/components/...` pointers as refs into one schema Ajv knows, the document's components. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/") ? `components#/$defs/${v.slice(21)}` : rewriteRefs(v);
  }
  return out;
}

export class AnswerValidator {
  private ajv = new Ajv2020({ strict: true, allErrors: true, formats: { binary: true } });
  private templates: { method: string; template: string; regex: RegExp }[] = [];
  private compiled = new Map<string, ValidateFunction>();

  constructor(private doc: Doc) {
    this.ajv.addSchema({ $id: "components", $defs: rewriteRefs(doc.components.schemas) as Record<string, object> });
    for (const [template, methods] of Object.entries(doc.paths)) {
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`);
      for (const method of Object.keys(methods)) this.templates.push({ method: method.toUpperCase(), template, regex });
    }
    // Literal segments win over parameters (/api/meetings/my/invitations before /api/meetings/{id}).
    this.templates.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** Every documented operation, as "METHOD /template". */
  operations(): string[] {
    return this.templates.map((t) => `${t.method} ${t.template}`);
  }

  /** The documented operation an answer belongs to, or undefined when the path is not documented. */
  match(method: string, path: string): string | undefined {
    const pathname = path.split("?")[0]!.replace(/(.)\/+$/, "$1");
    const found = this.templates.find((t) => t.method === method.toUpperCase() && t.regex.test(pathname));
    return found && `${found.method} ${found.template}`;
  }

  /** Problems with one answer: empty when it conforms (non-JSON answers are checked by status only). */
  check(answer: Answer): string[] {
    const op = this.match(answer.method, answer.path);
    if (!op) return [];
    const [method, template] = op.split(" ") as [string, string];
    const responses = this.doc.paths[template]![method.toLowerCase()]!.responses;
    let response = responses[String(answer.status)] as { $ref?: string; content?: Record<string, { schema: unknown }> } | undefined;
    if (!response) return [`${op}: status ${answer.status} is not documented (${JSON.stringify(answer.body).slice(0, 200)})`];
    if (response.$ref) response = this.doc.components.responses[response.$ref.split("/").pop()!] as typeof response;
    const content = response!.content ?? {};
    const json = content["application/json"];
    const isJson = (answer.contentType ?? "").includes("json");
    if (!json) return isJson ? [`${op} ${answer.status}: answered JSON, documented ${Object.keys(content).join(", ")}`] : [];
    if (!isJson) {
      // A file answer is fine where the document lists its media type beside JSON (?format=csv).
      const media = (answer.contentType ?? "").split(";")[0]!.trim();
      return media && content[media] ? [] : [`${op} ${answer.status}: answered ${answer.contentType}, documented JSON`];
    }
    const key = `${op} ${answer.status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(json.schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(answer.body)) return [];
    return [`${key}: ${this.ajv.errorsText(validate.errors)} in ${JSON.stringify(answer.body).slice(0, 300)}`];
  }
}
