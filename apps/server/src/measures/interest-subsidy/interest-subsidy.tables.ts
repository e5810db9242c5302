/** Tables of the interest-subsidy measure (Kysely types); the Database interface extends this. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterestSubsidyTables {}
