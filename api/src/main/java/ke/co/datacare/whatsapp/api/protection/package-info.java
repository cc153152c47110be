/** How events mark personal data and name whose it is, so that it can be encrypted and erased. */
package ke.co.datacare.whatsapp.api.protection;
