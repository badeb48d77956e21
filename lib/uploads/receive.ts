import "server-only";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ApiError, errors } from "@/lib/http/errors";
import { HEAD_BYTES, sniffHead, type HeadVerdict } from "./sniff";
import { removeQuietly, tmpPath } from "./storage";

export interface ReceivedFile {
  tmpPath: string;
  size: number;
  /** As the client named it (not trusted for anything but display). */
  filename: string;
  sha256: string;
  verdict: HeadVerdict;
}

export interface Received {
  fields: Record<string, string>;
  file: ReceivedFile;
}

export interface ReceiveOptions {
  /** The text fields to keep (others are ignored). */
  fields: readonly string[];
  /** Cap before the type is known, and the error for passing it. */
  initialLimit: number;
  initialTooLarge: () => ApiError;
  /**
   * Called once the first bytes are sniffed, with the fields sent before the file: refuses the
   * type (throw) or gives the size limit now in force and the error for passing it.
   */
  onHead(fields: Record<string, string>, verdict: HeadVerdict): { limit: number; tooLarge: () => ApiError };
}

/** How long a refused upload's remaining body is read and thrown away before the connection is cut. */
const LINGER_MS = 30_000;

/**
 * After a refusal the rest of the body is discarded rather than left unread: a browser reads
 * the answer only once it has sent the request, so cutting the connection would show it a
 * network error instead of the refusal. Nothing is kept; the connection is cut after LINGER_MS.
 */
function discard(source: Readable): void {
  const timer = setTimeout(() => source.destroy(), LINGER_MS);
  timer.unref();
  source.once("close", () => clearTimeout(timer));
  source.once("end", () => clearTimeout(timer));
  source.on("error", () => {});
  source.resume();
}

/** Discard a request body that will not be read at all (refused from its headers). */
export function discardBody(req: Request): void {
  if (!req.body || req.bodyUsed) return;
  discard(Readable.fromWeb(req.body as unknown as NodeWebReadableStream<Uint8Array>));
}

/**
 * Stream a multipart body's one `file` part to a temporary file, never holding more than a chunk
 * in memory, and stop writing the moment a limit is passed (the rest is discarded unread).
 */
export function receiveMultipart(req: Request, options: ReceiveOptions): Promise<Received> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !req.body) {
    return Promise.reject(
      errors.validation({ file: ["Send the file as multipart/form-data in a field named `file`"] }, "Send the file as multipart/form-data"),
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // fieldSize: room for a 4,000-character caption beside a message's file.
      limits: { files: 1, fields: 8, parts: 12, fieldSize: 20 * 1024, fieldNameSize: 64 },
    });
  } catch {
    return Promise.reject(errors.validation({ file: ["Malformed multipart/form-data"] }, "The upload is not valid multipart/form-data"));
  }
  const source = Readable.fromWeb(req.body as unknown as NodeWebReadableStream<Uint8Array>);

  return new Promise<Received>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const keep = new Set(options.fields);
    let settled = false;
    let fileTask: Promise<ReceivedFile> | null = null;
    let fileStream: Readable | null = null;

    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      fileStream?.destroy();
      discard(source);
      // A file that was still completing (a second part refused meanwhile) is not kept.
      fileTask
        ?.then(
          (file) => removeQuietly(file.tmpPath),
          () => {},
        )
        .catch(() => {});
      reject(err);
    };

    parser.on("field", (name, value) => {
      if (keep.has(name)) fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || fileTask) {
        stream.resume();
        fail(
          name === "file"
            ? errors.validation({ file: ["Send one file per request"] }, "Send one file per request")
            : errors.validation(
                { file: [`Send the file in a field named \`file\` (not \`${name.slice(0, 40)}\`)`] },
                "No file was sent (multipart field `file`)",
              ),
        );
        return;
      }
      fileStream = stream;
      const task = writeFile(stream, info.filename ?? "", fields, options, fail);
      fileTask = task;
      task.catch(fail);
    });
    parser.on("filesLimit", () => fail(errors.validation({ file: ["Send one file per request"] }, "Send one file per request")));
    parser.on("partsLimit", () => fail(errors.validation({ body: ["Too many parts"] }, "The upload has too many parts")));
    parser.on("fieldsLimit", () => fail(errors.validation({ body: ["Too many fields"] }, "The upload has too many fields")));
    parser.on("error", () =>
      fail(errors.validation({ file: ["The upload ended early or is malformed"] }, "The upload is not valid multipart/form-data")),
    );
    parser.on("close", () => {
      if (!fileTask) return fail(errors.validation({ file: ["Required"] }, "No file was sent (multipart field `file`)"));
      fileTask.then(
        (file) => {
          if (settled) return;
          settled = true;
          resolve({ fields, file });
        },
        () => {},
      );
    });
    source.on("error", () => fail(errors.validation({ file: ["The upload was interrupted"] }, "The upload was interrupted")));
    source.pipe(parser);
  });
}

async function writeFile(
  stream: Readable,
  filename: string,
  fields: Record<string, string>,
  options: ReceiveOptions,
  fail: (err: unknown) => void,
): Promise<ReceivedFile> {
  const path = tmpPath();
  const fh = await open(path, "wx", 0o640);
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let verdict: HeadVerdict | null = null;
  let limit = options.initialLimit;
  let tooLarge = options.initialTooLarge;
  const decide = async (complete: boolean) => {
    verdict = await sniffHead(Buffer.concat(head), complete);
    ({ limit, tooLarge } = options.onHead(fields, verdict));
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (!verdict) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= HEAD_BYTES) await decide(false);
      }
      if (size > limit) throw tooLarge();
      hash.update(chunk);
      await fh.write(chunk);
    }
    if (!verdict) await decide(true);
    if (size > limit) throw tooLarge();
  } catch (err) {
    // Refuse first (stops the body), tidy up after.
    fail(err);
    await fh.close().catch(() => {});
    await removeQuietly(path).catch(() => {});
    throw err;
  }
  await fh.close();
  return { tmpPath: path, size, filename, sha256: hash.digest("hex"), verdict: verdict! };
}
