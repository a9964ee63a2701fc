import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** `column` contains `text`, case-insensitively, with % and _ in the text taken literally. */
export function contains(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export function pageOf(query: { page?: number | undefined; pageSize?: number | undefined }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize };
}
