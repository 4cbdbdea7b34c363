using CaseManager.Domain.Intake;

namespace CaseManager.Data.Seed;

/// <summary>
/// The first version of the notice at collection and the consent purposes, as the program's
/// privacy officer would publish them. A later version is added as a new row, never by editing this one.
/// </summary>
public static class PrivacySeed
{
    public static readonly DateOnly FirstNoticeEffectiveOn = new(2025, 1, 1);

    public static PrivacyNotice[] Notices() =>
    [
        new PrivacyNotice
        {
            Version = 1,
            EffectiveOn = FirstNoticeEffectiveOn,
            TitleFr = "Avis de confidentialité — inscription au programme de régionalisation",
            TitleEn = "Privacy notice — registration to the regionalization program",
            TextFr = """
                ## Qui recueille vos renseignements
                Le programme de régionalisation est offert conjointement par PROMIS, le Collectif des femmes immigrantes du Québec et ALPA (Accueil Liaison Pour Arrivants). L'organisme auquel votre dossier est confié est responsable de vos renseignements personnels.

                ## Pourquoi nous les recueillons
                Pour ouvrir votre dossier et vous accompagner dans votre projet d'établissement en région : vous joindre, évaluer vos besoins, préparer un plan d'accompagnement, vous inscrire aux séances d'information et aux séjours exploratoires, et étudier votre admissibilité au soutien financier au déménagement. Avec votre consentement distinct seulement : partager votre dossier avec les partenaires régionaux des régions qui vous intéressent, vous envoyer l'infolettre du programme, et utiliser vos renseignements, dépersonnalisés, à des fins de statistiques et de recherche.

                ## Qui y a accès
                La conseillère ou le conseiller en régionalisation qui suit votre dossier et les coordonnateurs du programme. Les partenaires régionaux ne voient que ce dont ils ont besoin pour une séance ou un séjour (nom et taille du ménage) et, si vous y consentez, votre profil pour préparer votre arrivée ; jamais les notes de suivi. Vos renseignements sont hébergés au Canada.

                ## Combien de temps nous les gardons
                Tant que votre dossier est actif, puis sept ans après sa fermeture (suivi de l'établissement et obligations de reddition de comptes envers les bailleurs de fonds). Ils sont ensuite détruits ou anonymisés.

                ## Vos droits
                Vous pouvez consulter vos renseignements, les faire rectifier, retirer en tout temps un consentement facultatif, et demander la fin de leur diffusion ou leur suppression. Refuser un consentement facultatif ne change rien aux services que vous recevez. Vous pouvez porter plainte à la Commission d'accès à l'information du Québec.

                ## Responsable de la protection des renseignements personnels
                Responsable de la protection des renseignements personnels du programme de régionalisation, 3333, chemin Queen-Mary, bureau 210, Montréal (Québec) H3V 1A2 — vie-privee@regionalisation.org — 514 345-1615.
                """,
            TextEn = """
                ## Who collects your information
                The regionalization program is offered jointly by PROMIS, the Collectif des femmes immigrantes du Québec and ALPA (Accueil Liaison Pour Arrivants). The organization your file is entrusted to is responsible for your personal information.

                ## Why we collect it
                To open your file and support your plan to settle in a region: reach you, assess your needs, prepare a personalized plan, register you for information sessions and exploratory stays, and review your eligibility for the moving subsidy. Only with your separate consent: share your file with the regional partners of the regions you are interested in, send you the program's newsletter, and use your information, de-identified, for statistics and research.

                ## Who sees it
                The regionalization counsellor who follows your file and the program's coordinators. Regional partners only see what they need for a session or a stay (name and household size) and, if you consent, your profile to prepare your arrival; never the follow-up notes. Your information is hosted in Canada.

                ## How long we keep it
                As long as your file is active, then seven years after it is closed (settlement follow-up and reporting obligations to funders). It is then destroyed or anonymized.

                ## Your rights
                You may access your information, have it corrected, withdraw an optional consent at any time, and ask that it no longer be disseminated or be deleted. Refusing an optional consent changes nothing in the services you receive. You may file a complaint with the Commission d'accès à l'information du Québec.

                ## Privacy officer
                Person in charge of the protection of personal information, regionalization program, 3333 Queen-Mary Road, suite 210, Montréal, Québec H3V 1A2 — vie-privee@regionalisation.org — 514 345-1615.
                """,
        },
    ];

    public static ConsentPurpose[] Purposes() =>
    [
        new ConsentPurpose
        {
            Code = "case-management", IsRequired = true, SortOrder = 10,
            NameFr = "Ouverture et suivi de mon dossier", NameEn = "Opening and following my file",
            DescriptionFr = "J'accepte que le programme utilise mes renseignements pour ouvrir mon dossier et m'accompagner dans mon projet de régionalisation (nécessaire pour s'inscrire).",
            DescriptionEn = "I agree that the program uses my information to open my file and support my regionalization project (needed to register).",
        },
        new ConsentPurpose
        {
            Code = "regional-partners", SortOrder = 20,
            NameFr = "Partage avec les partenaires régionaux", NameEn = "Sharing with regional partners",
            DescriptionFr = "J'accepte que mon profil soit communiqué aux partenaires régionaux des régions qui m'intéressent, pour préparer mon arrivée.",
            DescriptionEn = "I agree that my profile is shared with the regional partners of the regions I am interested in, to prepare my arrival.",
        },
        new ConsentPurpose
        {
            Code = "newsletter", SortOrder = 30,
            NameFr = "Infolettre du programme", NameEn = "Program newsletter",
            DescriptionFr = "J'accepte de recevoir par courriel l'infolettre du programme (séances, offres d'emploi en région, événements).",
            DescriptionEn = "I agree to receive the program's newsletter by email (sessions, jobs in the regions, events).",
        },
        new ConsentPurpose
        {
            Code = "research", SortOrder = 40,
            NameFr = "Statistiques et recherche", NameEn = "Statistics and research",
            DescriptionFr = "J'accepte que mes renseignements, dépersonnalisés, servent à des statistiques et à des recherches sur la régionalisation.",
            DescriptionEn = "I agree that my information, de-identified, is used for statistics and research on regionalization.",
        },
        new ConsentPurpose
        {
            Code = "reminders-email", SortOrder = 50,
            NameFr = "Rappels par courriel", NameEn = "Reminders by email",
            DescriptionFr = "J'accepte de recevoir par courriel des rappels sur mon dossier (séances, séjours, tâches, documents, suivis après le déménagement).",
            DescriptionEn = "I agree to receive email reminders about my file (sessions, stays, tasks, documents, follow-ups after the move).",
        },
        new ConsentPurpose
        {
            Code = "reminders-sms", SortOrder = 60,
            NameFr = "Rappels par texto", NameEn = "Reminders by text message",
            DescriptionFr = "J'accepte de recevoir des rappels par texto au numéro de mon dossier (jamais entre 21 h et 8 h). Répondez STOP pour ne plus en recevoir.",
            DescriptionEn = "I agree to receive reminders by text message at my file's number (never between 9 p.m. and 8 a.m.). Reply STOP to receive no more.",
        },
    ];
}
