/** Queries about the people who answer customers, asked by the handoff and answered by the app (users). */
package ke.co.datacare.whatsapp.api.agent;
