import type { FastifyInstance } from "fastify";
import type { SiteDeps } from "../site.js";
import { registerCannedAnswersPage } from "./canned-answers-page.js";
import { registerCsvExport } from "./csv-export.js";
import { registerInboxPage } from "./inbox-page.js";
import { registerPaknActions } from "./pakn-actions.js";
import { registerPaknPage } from "./pakn-page.js";
import { registerResendRoute } from "./resend-route.js";

/** The officers' working pages: the inbox, each PAKN with its actions and photos, the CSV export, canned answers. */
export async function registerConsoleWork(app: FastifyInstance, deps: SiteDeps): Promise<void> {
  registerInboxPage(app, deps);
  registerCsvExport(app, deps);
  registerCannedAnswersPage(app, deps);
  registerPaknPage(app, deps);
  registerPaknActions(app, deps);
  registerResendRoute(app, deps);
}
