/** Work split into partitions that workers on every instance claim with PostgreSQL advisory locks. */
package ke.co.datacare.whatsapp.command.partition;
