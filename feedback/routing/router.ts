import type { KnowledgeBase } from "../../knowledge/decision-types.js";
import { type AgencyDirectory, loadAgencies } from "./agencies.js";
import {
  type ClassifyPaknDeps,
  type ClassifyPaknInput,
  classifyPakn,
  type PaknRouting,
} from "./classify-pakn.js";
import { readRoutingExamples } from "./routing-examples.js";
import { type RoutingExample, type RoutingModel, trainRoutingModel } from "./routing-model.js";
import { loadRoutingRules, type RoutingRules } from "./routing-rules.js";

/** What a router is built from; anything left out is loaded from the bundled assets. */
export interface RouterDeps {
  agencies?: AgencyDirectory;
  rules?: RoutingRules;
  /** Labelled examples to train on; `[]` disables the model. */
  examples?: readonly RoutingExample[];
  knowledge?: Pick<KnowledgeBase, "get" | "decide">;
  triageThreshold?: number;
  matchProcedureText?: boolean;
}

/** A ready router: the model trained once, classification per PAKN in about a millisecond. */
export interface Router {
  readonly deps: ClassifyPaknDeps;
  readonly model: RoutingModel | undefined;
  classify(input: ClassifyPaknInput): PaknRouting;
}

/** Builds the router: loads agencies and rules, trains the classifier on the examples once. */
export function createRouter(deps: RouterDeps = {}): Router {
  const agencies = deps.agencies ?? loadAgencies();
  const rules = deps.rules ?? loadRoutingRules(agencies);
  const examples = deps.examples ?? readRoutingExamples();
  const model = examples.length > 0 ? trainRoutingModel(examples) : undefined;
  const classifyDeps: ClassifyPaknDeps = {
    agencies,
    rules,
    ...(model ? { model } : {}),
    ...(deps.knowledge ? { knowledge: deps.knowledge } : {}),
    ...(deps.triageThreshold !== undefined ? { triageThreshold: deps.triageThreshold } : {}),
    ...(deps.matchProcedureText !== undefined ? { matchProcedureText: deps.matchProcedureText } : {}),
  };
  return { deps: classifyDeps, model, classify: (input) => classifyPakn(classifyDeps, input) };
}
