// PostgreSQL constructs: the database, its backups + restore verification, and migrations.
export * from "./postgres-database";
export * from "./postgres-backup";
export * from "./database-migrations";
