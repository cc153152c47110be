/** The Contact aggregate, its opt-out policy, and the directory of identities and conversations. */
package ke.co.datacare.whatsapp.command.contact;
