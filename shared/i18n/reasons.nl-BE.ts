import type { ReasonCode } from '../sync/reasons';

/**
 * What the sync server or the sync engine answered, by reason code (shared/sync/reasons.ts), in
 * Dutch. The English message of the server stays for logs; the UI shows these.
 */
export const reasonsNlBE: Record<ReasonCode, string> = {
  INVALID_INPUT: 'De server begreep de vraag niet. Werk Veldwerk bij of meld het aan je beheerder.',
  UNAUTHORIZED: 'Je aanmelding is verlopen. Meld je opnieuw aan bij de server.',
  WRONG_CREDENTIALS: 'Verkeerd e-mailadres of wachtwoord.',
  ACCOUNT_REVOKED: 'Je account is uitgeschakeld. Vraag je beheerder om hulp.',
  LOGIN_BACKOFF: 'Te veel mislukte aanmeldingen. Wacht even en probeer het dan opnieuw.',
  FORBIDDEN: 'Dit mag je niet in deze campagne.',
  NOT_FOUND: 'De server kent dit (nog) niet.',
  CONFLICT: 'Dat kan nu niet: de toestand op de server is intussen veranderd.',
  CLOCK_SKEW: 'De klok van deze laptop staat verkeerd. Zet de datum en het uur juist.',
  PAYLOAD_TOO_LARGE: 'Dit is te groot om naar de server te sturen.',
  RATE_LIMITED: 'De server krijgt te veel vragen. Veldwerk probeert het straks opnieuw.',
  INTERNAL: 'Er ging iets mis op de server. Veldwerk probeert het straks opnieuw.',
  CHANGE_MALFORMED: 'Een wijziging is onleesbaar en werd opzijgezet.',
  VALUE_TOO_DEEP: 'Een wijziging is te diep genest en werd opzijgezet.',
  VALUE_TOO_LARGE: 'Een wijziging is te groot en werd opzijgezet.',
  UNKNOWN_TABLE: 'Een wijziging hoort bij een nieuwere versie van Veldwerk en werd opzijgezet.',
  UNKNOWN_COLUMN: 'Een wijziging hoort bij een nieuwere versie van Veldwerk en werd opzijgezet.',
  BAD_VALUE: 'Een wijziging heeft een ongeldige waarde en werd opzijgezet.',
  BAD_DATE: 'Een wijziging heeft een datum die niet bestaat en werd opzijgezet.',
  BAD_TEXT_UPDATE: 'Een tekstwijziging is beschadigd en werd opzijgezet.',
  CAMPAIGN_ROW_MISMATCH: 'Een wijziging van een campagne hoort bij een andere campagne en werd opzijgezet.',
  WRONG_CAMPAIGN: 'Een wijziging hoort bij een andere campagne en werd opzijgezet.',
  ROW_OF_OTHER_CAMPAIGN: 'Een wijziging raakt gegevens van een andere campagne en werd opzijgezet.',
  DUPLICATE_ID_CONFLICT: 'Twee verschillende wijzigingen dragen hetzelfde nummer; de tweede werd opzijgezet.',
  STATUS_SERVER_OWNED: 'De status (ingediend, goedgekeurd, definitief) zet alleen de server.',
  FIELD_SERVER_OWNED: 'Dit veld beslist wie wat mag; alleen de teamleider kan het wijzigen.',
  AUTHOR_MISMATCH:
    'Een wijziging draagt de naam van een ander teamlid dan dat van je account en werd niet opgeslagen. Kies bij ‘Ik ben’ jezelf, of vraag de teamleider je e-mailadres bij je teamlid te zetten.',
  AUTHOR_OTHER_ACCOUNT:
    'Een wijziging draagt de naam van een teamlid met een eigen account op de server en werd daarom voorgoed geweigerd. Ze staat alleen op deze laptop, bij de opzijgezette wijzigingen.',
  MEMBERS_TEAM_LEAD_ONLY:
    'Alleen de teamleider voegt teamleden toe of wijzigt ze. Je wijziging aan het team werd niet opgeslagen; vraag het aan de teamleider.',
  NODE_OF_OTHER_USER: 'Deze laptop is op de server bekend onder een andere gebruiker.',
  RELAYED_UNVERIFIED:
    'Een doorgegeven wijziging van een derde laptop draagt een naam die deze laptop niet aan die laptop kan koppelen. Ze werd opzijgezet, niet toegepast.',
  HELD_FOR_REVIEW: 'Het bezoek is al goedgekeurd: je wijziging wacht op de coördinator.',
  SERVER_UNREACHABLE: 'De server is niet bereikbaar. Je werk blijft bewaard; Veldwerk probeert het straks opnieuw.',
  LOCAL: 'Er ging iets mis op deze laptop. Veldwerk probeert het straks opnieuw.',
  INSECURE_HTTP:
    'Dit serveradres begint met http://: je wachtwoord zou onversleuteld over het netwerk gaan. Verbind opnieuw met een adres dat met https:// begint.',
};
