import { describe, expect, it } from "vitest";
import type { PaknAttachment } from "../../../db/schema.js";
import {
  allowedActions,
  PAKN_ACTIONS,
  type PaknAction,
  roleAllows,
  stateAllows,
} from "../../../feedback/console/allowed-actions.js";
import { PAKN_STATUSES, type PaknStatus } from "../../../feedback/lifecycle.js";
import { OFFICER_ROLES, type SignedInOfficer } from "../../../feedback/officers/roles.js";

/**
 * The states each transition action was offered from when the console kept its own table (before
 * issue 16): deriving them from the lifecycle must change none of them.
 */
const EXPECTED_FROM: Partial<Record<PaknAction, readonly PaknStatus[]>> = {
  accept: ["transferred"],
  start: ["assigned"],
  resume: ["returned"],
  transfer: ["assigned", "in_progress"],
  return: ["assigned", "in_progress"],
  answer: ["assigned", "in_progress"],
  approve: ["answered"],
  send_back: ["answered"],
  publish: ["approved"],
  assign: ["received", "classified", "transferred"],
  merge: ["received", "classified", "assigned", "in_progress"],
  reject: ["received", "classified", "assigned", "in_progress", "transferred", "returned"],
  out_of_scope: ["received", "classified", "assigned", "transferred"],
};

const photo: PaknAttachment = { kind: "image", path: "p/1.jpg" };

/** What the console offered before issue 16: the role's rule (unchanged) and the old table of states. */
function expectedAllows(
  officer: SignedInOfficer,
  item: { agencyId: string; status: PaknStatus },
  action: PaknAction,
) {
  if (!roleAllows(officer, item, action)) return false;
  if (action === "note" || action === "photo") return true;
  return Boolean(EXPECTED_FROM[action]?.includes(item.status));
}

describe("the console's allowed actions", () => {
  it("offers each transition exactly from the states it always did", () => {
    for (const action of PAKN_ACTIONS) {
      if (action === "note" || action === "photo") continue;
      const from = PAKN_STATUSES.filter((status) => stateAllows({ status, attachments: [] }, action));
      expect({ action, from }).toEqual({ action, from: EXPECTED_FROM[action] });
    }
  });

  it("gives every role, own agency or not, the same buttons in every state", () => {
    for (const role of OFFICER_ROLES) {
      for (const officerAgency of ["so-tnmt", null]) {
        const officer: SignedInOfficer = { id: 1, email: "x@y", name: "X", role, agencyId: officerAgency };
        for (const itemAgency of ["so-tnmt", "so-xd"]) {
          for (const status of PAKN_STATUSES) {
            const item = { status, agencyId: itemAgency, attachments: [photo] };
            const expected = PAKN_ACTIONS.filter((a) => expectedAllows(officer, item, a));
            expect({
              role,
              officerAgency,
              itemAgency,
              status,
              actions: allowedActions(officer, item),
            }).toEqual({
              role,
              officerAgency,
              itemAgency,
              status,
              actions: expected,
            });
          }
        }
      }
    }
  });
});

describe("the console's buttons by role", () => {
  const officer = (role: SignedInOfficer["role"], agencyId: string | null): SignedInOfficer => ({
    id: 1,
    email: "x@y",
    name: "X",
    role,
    agencyId,
  });
  const item = (status: PaknStatus) => ({ status, agencyId: "so-tnmt", attachments: [photo] });

  it.each([
    ["officer", "so-tnmt", "assigned", "start note transfer return answer photo"],
    ["officer", "so-xd", "assigned", "note photo"],
    ["coordinator", null, "assigned", "note transfer merge reject out_of_scope photo"],
    ["coordinator", null, "received", "note assign merge reject out_of_scope photo"],
    ["leader", "so-tnmt", "answered", "note approve send_back photo"],
    ["officer", "so-tnmt", "answered", "note photo"],
    ["officer", "so-tnmt", "returned", "resume note photo"],
    ["officer", "so-tnmt", "transferred", "accept note photo"],
    ["admin", null, "approved", "note publish photo"],
    ["editor", null, "in_progress", "note photo"],
  ] as const)("%s of %s on a %s item: %s", (role, agencyId, status, actions) => {
    expect(allowedActions(officer(role, agencyId), item(status))).toEqual(actions.split(" "));
  });
});
