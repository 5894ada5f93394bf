import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportInboxCsv } from "../../feedback/console/inbox-csv.js";
import { parseInboxFilters } from "../../feedback/console/inbox-filters.js";
import { toLocalDate } from "../../feedback/working-calendar.js";
import { queryFields } from "../query-params.js";
import type { SiteDeps } from "../site.js";
import { requireOfficer } from "./auth-hooks.js";

/**
 * `GET /officer/xuat.csv?<the inbox's filters>`: every item of the officer's filtered inbox as a
 * UTF-8 CSV file with a BOM (Excel shows Vietnamese); `/officer/xuat-csv` (the console's menu link)
 * serves the same file.
 */
export function registerCsvExport(app: FastifyInstance, deps: SiteDeps): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    // biome-ignore lint/style/noNonNullAssertion: set by requireOfficer
    const officer = req.officer!;
    const filters = parseInboxFilters(queryFields(req.query));
    const { csv } = await exportInboxCsv(
      { db: deps.db, calendar: deps.calendar, agencies: deps.agencies, now: deps.now },
      officer,
      filters,
      { ip: req.ip },
    );
    const day = toLocalDate(deps.now?.() ?? new Date());
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="pakn-${day}.csv"`)
      .header("cache-control", "private, no-store")
      .header("x-content-type-options", "nosniff")
      .send(csv);
  };
  const signedIn = requireOfficer(deps);
  app.get("/officer/xuat.csv", { preHandler: signedIn }, handler);
  app.get("/officer/xuat-csv", { preHandler: signedIn }, handler);
}
