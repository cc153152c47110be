/** Commands sent in batches: one transaction and one root unit of work for many commands, each alone after a failure. */
package ke.co.datacare.whatsapp.command.batch;
