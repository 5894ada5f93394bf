import { cleanName } from "./clean-text.js";

/** A name split into its words outside brackets and its top-level bracketed asides. */
export interface NameAsides {
  core: string;
  asides: string[];
}

/**
 * Splits a name into its core and its bracketed asides ("Cấp lại thẻ (thực hiện tại cấp tỉnh)" →
 * "Cấp lại thẻ" + ["thực hiện tại cấp tỉnh"]); a bracket left open runs to the end, a stray closing
 * bracket is dropped.
 */
export function splitAsides(name: string): NameAsides {
  let core = "";
  let aside = "";
  let depth = 0;
  const asides: string[] = [];
  for (const c of name) {
    if (c === "(") {
      if (depth > 0) aside += c;
      depth++;
    } else if (c === ")") {
      if (depth === 0) continue;
      depth--;
      if (depth > 0) aside += c;
      else {
        asides.push(aside);
        aside = "";
        core += " ";
      }
    } else if (depth > 0) aside += c;
    else core += c;
  }
  if (depth > 0) asides.push(aside);
  return { core: cleanName(core), asides: asides.map(cleanName).filter(Boolean) };
}
