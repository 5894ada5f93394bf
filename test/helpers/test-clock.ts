/**
 * The instant tests run at unless they set their own: a Wednesday, 09:00 in Viet Nam, away from
 * holidays, so no test depends on today's date, the year or the machine's time zone.
 */
export const TEST_NOW = new Date("2026-11-18T02:00:00Z");
