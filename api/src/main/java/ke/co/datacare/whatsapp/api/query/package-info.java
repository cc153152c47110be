/**
 * Queries and answers of the query side beyond the inbox: a conversation as it was at a moment,
 * contacts, delivery statuses by message id and the analytics overview.
 */
package ke.co.datacare.whatsapp.api.query;
