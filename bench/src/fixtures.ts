// Data shared by the servers under test and the load generator.

export const ITEM_ROWS = 10_000;

/** A ~1 KB item body; the same shape the POST schema accepts. */
export function itemBody(i: number): { title: string; city: string; amountFen: number; tags: string[]; note: string } {
  return {
    title: `贷款贴息申请 ${i}`,
    city: ['济南市', '青岛市', '淄博市', '烟台市'][i % 4]!,
    amountFen: 1_000_000 + i,
    tags: ['interest-subsidy', 'small', `batch-${i % 10}`],
    // Latin filler keeps the byte count predictable (~1,000 bytes of JSON in total).
    note: 'x'.repeat(880),
  };
}

/** The JSON schema both bare servers validate a POST /item body with. */
export const itemSchema = {
  type: 'object',
  required: ['title', 'city', 'amountFen', 'tags', 'note'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 100 },
    city: { type: 'string', minLength: 1, maxLength: 20 },
    amountFen: { type: 'integer', minimum: 0 },
    tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 40 } },
    note: { type: 'string', maxLength: 2000 },
  },
} as const;
