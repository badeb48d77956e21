/** What a mail says, before ./templates.ts lays it out as text and as HTML. */
export interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label and value rows (a meeting's title, date...), after the paragraphs. */
  details?: { label: string; value: string }[];
  action?: { label: string; url: string };
  after?: string[];
}
