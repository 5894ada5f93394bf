import type { FastifyInstance } from "fastify";
import { untoldPaknIds } from "../../feedback/citizen-delivery/delivery-history.js";
import { fieldsInScope, isFiltered, listInbox } from "../../feedback/console/inbox.js";
import { parseInboxFilters } from "../../feedback/console/inbox-filters.js";
import { sendPage } from "../layout.js";
import { queryFields } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { requireOfficer } from "./auth-hooks.js";
import { consolePage } from "./console-layout.js";
import { takeFlash } from "./flash.js";
import { inboxView } from "./inbox-view.js";

/** `GET /officer`: the signed-in officer's inbox, in deadline order, filtered by the GET form. */
export function registerInboxPage(app: FastifyInstance, deps: SiteDeps): void {
  app.get("/officer", { preHandler: requireOfficer(deps) }, async (req, reply) => {
    // biome-ignore lint/style/noNonNullAssertion: set by requireOfficer
    const officer = req.officer!;
    const filters = parseInboxFilters(queryFields(req.query));
    const [page, fields] = await Promise.all([
      listInbox({ db: deps.db, calendar: deps.calendar, now: deps.now }, officer, filters),
      fieldsInScope(deps, officer),
    ]);
    // The page's items whose citizen has not heard of a step: one small query over this page only.
    const untold = await untoldPaknIds(deps, { paknIds: page.items.map((i) => i.id) });
    const body = inboxView({
      officer,
      page,
      filters,
      filtered: isFiltered(filters),
      fields,
      agencies: deps.agencies,
      untold,
      flash: takeFlash(req, reply, deps.secureCookies),
    });
    return sendPage(
      reply,
      consolePage(officer, { title: "Hộp thư", current: "/officer", body, styles: ["console-work.css"] }),
    );
  });
}
