/**
 * The GeoReport v2 response fields, as the spec lists them (http://wiki.open311.org/GeoReport_v2,
 * "Response" tables): every element our API returns must have exactly these, in JSON and XML.
 */
export const GEOREPORT_V2 = {
  /** GET Service List: services ⇊ service ↴ */
  service: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
  /** GET Service Requests and GET Service Request: service_requests ⇊ request ↴ */
  request: [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
  ],
  /** POST Service Request: service_requests ⇊ request ↴ (token instead of the id for batch services) */
  created: ["service_request_id", "service_notice", "account_id"],
  /** Errors: errors ⇊ error ↴ */
  error: ["code", "description"],
  /** Strict values the spec enumerates. */
  values: {
    metadata: [true, false],
    type: ["realtime", "batch", "blackbox"],
    status: ["open", "closed"],
  },
  /** W3C date-times with the zone (Viet Nam: +07:00). */
  datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/,
  /** Free text is limited to 4,000 characters. */
  maxText: 4000,
} as const;
