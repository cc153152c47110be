/** What every upcaster of a stored event's JSON payload shares. */
package ke.co.datacare.whatsapp.command.upcasting;
