/** The reactions processor: side effects of events that are never replayed, read once for all of them. */
package ke.co.datacare.whatsapp.command.reaction;
