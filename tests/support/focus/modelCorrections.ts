import type { loadRuleModel } from "./ruleModel";

/**
 * Rules of the vendored model whose check says the opposite of their text: checked as the text
 * says (FOCUS 1.2, CommitmentDiscountStatus), not skipped, so the column is still held to them.
 */
export const MODEL_CORRECTIONS: NonNullable<Parameters<typeof loadRuleModel>[0]> = {
  // "MUST be one of the allowed values": FOCUS 1.2's (columns/commitmentdiscountstatus.md) are Used
  // and Unused; the model lists Active, Expired and Pending, which are no status of a charge.
  "CommitmentDiscountStatus-C-005-M": {
    Requirement: {
      CheckFunction: "OR",
      Items: [
        { CheckFunction: "CheckValue", ColumnName: "CommitmentDiscountStatus", Value: "Used" },
        { CheckFunction: "CheckValue", ColumnName: "CommitmentDiscountStatus", Value: "Unused" },
      ],
    },
  },
  // "MUST be null when CommitmentDiscountId is null": the model checks MUST NOT be null.
  "CommitmentDiscountStatus-C-003-C": { Requirement: { CheckFunction: "CheckValue", ColumnName: "CommitmentDiscountStatus", Value: null } },
  // "MUST NOT be null when CommitmentDiscountId is not null and ChargeCategory is Usage": the model's condition is "CommitmentDiscountId is null".
  "CommitmentDiscountStatus-C-004-C": {
    Condition: {
      CheckFunction: "AND",
      Items: [
        { CheckFunction: "CheckNotValue", ColumnName: "CommitmentDiscountId", Value: null },
        { CheckFunction: "CheckValue", ColumnName: "ChargeCategory", Value: "Usage" },
      ],
    },
  },
};
