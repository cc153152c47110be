/** Identifiers and shared value types of the bus messages. */
package ke.co.datacare.whatsapp.api.common;
