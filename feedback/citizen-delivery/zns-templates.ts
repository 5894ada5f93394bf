import { readFileSync } from "node:fs";
import { z } from "zod";
import { truncateAtWord } from "../../knowledge/compose/split-text.js";
import { ZNS_FIELD_NAMES, ZNS_STEPS, type ZnsFields, type ZnsStep } from "./zns-message.js";

/**
 * The longest value each field gives a parameter unless the configuration says otherwise: Zalo's
 * lengths for the usual parameter types (a code or a name 30, a status 30, an address-like text 200).
 */
const DEFAULT_MAX: Record<keyof ZnsFields, number> = {
  code: 30,
  name: 30,
  status: 30,
  agency: 200,
  receivedDate: 20,
  answerDueDate: 20,
  note: 200,
  answer: 200,
};

const fieldName = z.enum(ZNS_FIELD_NAMES);
const paramSchema = z.union([
  fieldName,
  z.object({ from: fieldName, max: z.number().int().min(1).max(2_000).optional() }).strict(),
]);
const templateSchema = z
  .object({
    template_id: z
      .string()
      .regex(/^\d{1,20}$/, "a template id is the number Zalo gave the approved template"),
    params: z.record(
      z.string().regex(/^\w{1,64}$/, "a parameter name is letters, digits and _"),
      paramSchema,
    ),
  })
  .strict();
const templatesSchema = z
  .object(
    Object.fromEntries(ZNS_STEPS.map((step) => [step, templateSchema.optional()])) as Record<
      ZnsStep,
      z.ZodOptional<typeof templateSchema>
    >,
  )
  .strict();

/** One approved template: its id, and each parameter with the field that fills it and its length limit. */
export interface ZnsTemplate {
  templateId: string;
  params: { name: string; from: keyof ZnsFields; max: number }[];
}

/** The province's approved templates by step; a step without one is not sent by ZNS. */
export type ZnsTemplates = ReadonlyMap<ZnsStep, ZnsTemplate>;

/**
 * Reads ZALO_ZNS_TEMPLATES: the JSON itself, or the path of a JSON file holding it, e.g.
 * `{"published": {"template_id": "301236", "params": {"ma_phan_anh": "code", "co_quan": "agency"}}}`.
 * Throws with every problem listed, so a wrong setting stops the start.
 */
export function parseZnsTemplates(setting: string): ZnsTemplates {
  let text = setting.trim();
  if (!text.startsWith("{")) {
    try {
      text = readFileSync(text, "utf8");
    } catch {
      throw new Error(`cannot read the file ${text}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("is not valid JSON");
  }
  const parsed = templatesSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
    );
  const templates = new Map<ZnsStep, ZnsTemplate>();
  for (const step of ZNS_STEPS) {
    const t = parsed.data[step];
    if (!t) continue;
    const params = Object.entries(t.params).map(([name, p]) =>
      typeof p === "string"
        ? { name, from: p, max: DEFAULT_MAX[p] }
        : { name, from: p.from, max: p.max ?? DEFAULT_MAX[p.from] },
    );
    templates.set(step, { templateId: t.template_id, params });
  }
  return templates;
}

/** The `template_data` of one message: each parameter's field, cut at a word to its length limit. */
export function fillTemplate(template: ZnsTemplate, fields: ZnsFields): Record<string, string> {
  return Object.fromEntries(
    template.params.map((p) => [
      p.name,
      truncateAtWord(fields[p.from].replace(/\s+/g, " ").trim(), p.max) || "-",
    ]),
  );
}
