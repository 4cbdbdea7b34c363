using CaseManager.Domain.Households;

namespace CaseManager.Data.Demo;

/// <summary>
/// Where a demo household comes from: the names, languages and French level that go with it.
/// The mix follows the program's clientele in Montréal, not any real person.
/// </summary>
internal sealed record Origin(
    double Weight,
    string[] Men,
    string[] Women,
    string[] LastNames,
    string[] MotherTongues,
    bool SpeaksFrench,
    double EnglishShare,
    FrenchLevel[] FrenchLevels);

/// <summary>The words the demo data is made of: names, places, occupations and journal texts (French).</summary>
internal static class DemoVocabulary
{
    private static readonly FrenchLevel[] Francophone =
        [FrenchLevel.Fluent, FrenchLevel.Fluent, FrenchLevel.Fluent, FrenchLevel.Advanced, FrenchLevel.Advanced, FrenchLevel.Intermediate];

    private static readonly FrenchLevel[] Learning =
        [FrenchLevel.None, FrenchLevel.Beginner, FrenchLevel.Beginner, FrenchLevel.Beginner, FrenchLevel.Intermediate,
            FrenchLevel.Intermediate, FrenchLevel.Intermediate, FrenchLevel.Advanced, FrenchLevel.Unknown];

    public static readonly Origin[] Origins =
    [
        // Maghreb: Algeria, Morocco, Tunisia.
        new(0.22,
            ["Karim", "Mohamed", "Youssef", "Amine", "Mehdi", "Rachid", "Nabil", "Samir", "Hicham", "Walid", "Yacine", "Sofiane",
                "Khalid", "Omar", "Bilal", "Anis", "Redouane", "Farid", "Mourad", "Abdelkader", "Adel", "Nassim"],
            ["Amina", "Fatima", "Nadia", "Samira", "Leïla", "Yasmina", "Khadija", "Meriem", "Sarah", "Imane", "Soumaya", "Houda",
                "Nawel", "Asma", "Zineb", "Rania", "Salma", "Hanane", "Djamila", "Ikram", "Lamia", "Sabrina"],
            ["Benali", "Bouazza", "El Amrani", "Haddad", "Mansouri", "Belkacem", "Cherif", "Boudiaf", "Kaddour", "Benslimane",
                "El Idrissi", "Ouali", "Zeroual", "Hamdi", "Trabelsi", "Ben Salah", "Gharbi", "Mekki", "Aït Ahmed", "Lahlou",
                "Bennani", "Tazi", "Saïdi", "Brahimi", "Chaouch", "Hadj-Ali", "Benyoucef", "Amrani", "Bensaïd", "Meziane"],
            ["ar"], true, 0.2, Francophone),
        // West and Central Africa: Senegal, Côte d'Ivoire, Cameroon, DR Congo, Guinea, Mali, Burkina Faso, Benin.
        new(0.18,
            ["Mamadou", "Ibrahima", "Moussa", "Cheikh", "Ousmane", "Serge", "Jean-Claude", "Patrice", "Hervé", "Didier", "Armel",
                "Landry", "Fabrice", "Aboubacar", "Souleymane", "Yves", "Blaise", "Aristide", "Alassane", "Christian", "Junior"],
            ["Aminata", "Fatou", "Mariam", "Awa", "Aïssatou", "Grâce", "Clarisse", "Nadège", "Estelle", "Solange", "Rokia",
                "Ndeye", "Adjoua", "Marie-Claire", "Bintou", "Josiane", "Prisca", "Carine", "Kadiatou", "Ornella", "Fanta"],
            ["Diallo", "Traoré", "Ndiaye", "Diop", "Sow", "Camara", "Koné", "Ouédraogo", "Mbarga", "Nkoulou", "Kouassi",
                "Mukendi", "Tshibangu", "Kalonji", "Mbuyi", "Ilunga", "Fofana", "Bamba", "Sanogo", "Konaté", "Touré", "Ngono",
                "Tchoumi", "Fotso", "Kamga", "Nguema", "Agbodjan", "Houngbo", "Sawadogo", "Kaboré", "Nzeyimana", "Mutombo"],
            ["wo", "ln", "ff", "sw", "fr", "fr"], true, 0.25, Francophone),
        // Haiti.
        new(0.10,
            ["Jean", "Pierre", "Wilner", "Jean-Robert", "Frantz", "Ricardo", "Stanley", "Wilson", "Jacques", "Emmanuel",
                "Jocelyn", "Réginald", "Fritz", "Dieudonné", "Guerby", "Kervens", "Ronald", "Ernst", "Jimmy", "Roberson"],
            ["Marie", "Nadège", "Rose-Andrée", "Fabienne", "Guerline", "Mirlande", "Roseline", "Darline", "Nathalie", "Sandra",
                "Widelène", "Judith", "Claudette", "Farah", "Myrlande", "Stéphanie", "Ketly", "Esther", "Naomie", "Bethany"],
            ["Joseph", "Jean-Baptiste", "Pierre", "Louis", "Charles", "Saint-Fleur", "Désir", "Dorvil", "Célestin", "Augustin",
                "Étienne", "Noël", "Bélizaire", "Cadet", "Fils-Aimé", "Jean-Louis", "Pierre-Louis", "Alexis", "Delva", "Estimé",
                "Auguste", "Lafortune", "Toussaint", "Métellus"],
            ["ht"], true, 0.15, Francophone),
        // Latin America: Colombia, Mexico, Venezuela, Peru, El Salvador, Chile.
        new(0.13,
            ["Carlos", "Juan Pablo", "Andrés", "Luis", "Diego", "Alejandro", "José", "Miguel Ángel", "Sebastián", "Jorge",
                "Ricardo", "Fernando", "Óscar", "Santiago", "Javier", "Héctor", "Julián", "Raúl", "Mateo", "Felipe"],
            ["María José", "Ana", "Camila", "Valentina", "Daniela", "Paola", "Carolina", "Lucía", "Gabriela", "Andrea",
                "Mónica", "Natalia", "Juliana", "Verónica", "Claudia", "Adriana", "Sofía", "Paula", "Marisol", "Alejandra"],
            ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
                "Flores", "Rivera", "Gómez", "Díaz", "Morales", "Jiménez", "Castillo", "Vargas", "Restrepo", "Muñoz", "Ortiz",
                "Rojas", "Guzmán", "Mendoza", "Cárdenas", "Quintero", "Salazar", "Peña"],
            ["es"], false, 0.35, Learning),
        // Brazil.
        new(0.03,
            ["João", "Rafael", "Thiago", "Lucas", "Gustavo", "Bruno", "Felipe", "Rodrigo"],
            ["Fernanda", "Beatriz", "Larissa", "Juliana", "Camila", "Mariana", "Letícia", "Patrícia"],
            ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Ferreira", "Almeida", "Costa", "Rodrigues", "Carvalho"],
            ["pt"], false, 0.45, Learning),
        // Middle East, Arabic-speaking: Syria, Lebanon, Iraq.
        new(0.07,
            ["Ahmad", "Mahmoud", "Hassan", "Ali", "Khaled", "Fadi", "Rami", "Tarek", "Ziad", "Georges", "Elie", "Bassam",
                "Hussein", "Majid", "Firas", "Wissam"],
            ["Rima", "Lina", "Hiba", "Nour", "Maya", "Dima", "Rana", "Zeina", "Layal", "Hala", "Ghada", "Jana", "Rasha", "Mireille"],
            ["Al-Khatib", "Haddad", "Khoury", "Nasser", "Saleh", "Hamoud", "Darwish", "Aoun", "Abboud", "Kassem", "Al-Hassan",
                "Jaber", "Mansour", "Chami", "Azar", "Sabbagh", "Hajjar", "Nassif"],
            ["ar"], false, 0.5, Learning),
        // Iran and Afghanistan.
        new(0.05,
            ["Reza", "Mohammad", "Amir", "Hossein", "Babak", "Kian", "Farhad", "Ahmad", "Omid", "Arash"],
            ["Maryam", "Zahra", "Fatemeh", "Shirin", "Parisa", "Leila", "Nasrin", "Sara", "Nazanin", "Mahsa"],
            ["Ahmadi", "Hosseini", "Rezaei", "Karimi", "Mohammadi", "Moradi", "Rahimi", "Jafari", "Sadeghi", "Tehrani",
                "Azizi", "Sultani", "Nazari", "Ebrahimi"],
            ["fa"], false, 0.55, Learning),
        // South Asia: India, Pakistan, Bangladesh, Sri Lanka.
        new(0.06,
            ["Rajesh", "Amit", "Vikram", "Sanjay", "Arjun", "Harpreet", "Gurpreet", "Imran", "Faisal", "Usman", "Rahul",
                "Suresh", "Karthik", "Nirmal", "Tanvir"],
            ["Priya", "Anjali", "Neha", "Pooja", "Kavya", "Sunita", "Ayesha", "Sana", "Nusrat", "Lakshmi", "Deepa", "Harleen",
                "Shabnam", "Farzana"],
            ["Patel", "Sharma", "Singh", "Kaur", "Gupta", "Kumar", "Reddy", "Iyer", "Khan", "Ahmed", "Hussain", "Chowdhury",
                "Rahman", "Islam", "Perera", "Fernando", "Sivakumar", "Nair"],
            ["hi", "ur", "bn", "ta", "pa"], false, 0.9, Learning),
        // Vietnam.
        new(0.03,
            ["Minh", "Tuan", "Duc", "Huy", "Quang", "Long", "Hung", "Thanh"],
            ["Lan", "Mai", "Linh", "Huong", "Thao", "Ngoc", "Trang", "Hoa"],
            ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
            ["vi"], false, 0.45, Learning),
        // China.
        new(0.025,
            ["Wei", "Jun", "Hao", "Lei", "Jian", "Ming", "Tao", "Yang"],
            ["Xiu", "Mei", "Ying", "Jing", "Yan", "Hui", "Xin", "Li"],
            ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
            ["zh"], false, 0.6, Learning),
        // The Philippines.
        new(0.015,
            ["Mark", "John Paul", "Jerome", "Ramon", "Christian", "Joel"],
            ["Maricel", "Joy", "Kristine", "Rowena", "Jennifer", "Cherry"],
            ["Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz", "Garcia", "Mendoza", "Villanueva"],
            ["tl"], false, 1.0, Learning),
        // Ukraine.
        new(0.035,
            ["Oleksandr", "Andriy", "Dmytro", "Serhiy", "Volodymyr", "Taras", "Mykola", "Yuriy"],
            ["Olena", "Iryna", "Oksana", "Tetiana", "Yulia", "Kateryna", "Svitlana", "Natalia"],
            ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Kovalchuk", "Oliynyk", "Marchenko"],
            ["uk", "uk", "ru"], false, 0.4, Learning),
        // Romania and Moldova.
        new(0.025,
            ["Andrei", "Mihai", "Ion", "Vlad", "Bogdan", "Alexandru", "Cristian"],
            ["Ioana", "Mihaela", "Andreea", "Cristina", "Alina", "Elena", "Diana"],
            ["Popescu", "Ionescu", "Popa", "Rusu", "Munteanu", "Ciobanu", "Moraru", "Lungu", "Stan", "Dumitru"],
            ["ro"], false, 0.5, Learning),
        // France, Belgium, Switzerland.
        new(0.03,
            ["Benoît", "Julien", "Nicolas", "Thomas", "Guillaume", "Antoine", "Sébastien", "Maxime", "Romain", "Jérôme"],
            ["Hélène", "Camille", "Émilie", "Céline", "Aurélie", "Claire", "Marion", "Élodie", "Anaïs", "Mathilde"],
            ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Girard", "Lemaire", "Fontaine", "Rousseau",
                "Mercier", "Peeters", "Dupont", "Renard"],
            ["fr"], true, 0.4, [FrenchLevel.Fluent]),
    ];

    /// <summary>Québec-born spouses: some households are mixed.</summary>
    public static readonly Origin Quebec = new(0,
        ["Benoît", "François", "Martin", "Éric", "Simon", "Patrick", "Mathieu", "Alexandre", "Jérémie", "Félix"],
        ["Hélène", "Geneviève", "Isabelle", "Catherine", "Marie-Ève", "Véronique", "Julie", "Mélanie", "Audrey", "Josée"],
        ["Côté", "Tremblay", "Gagnon", "Roy", "Bouchard", "Gauthier", "Lavoie", "Fortin", "Gagné", "Ouellet", "Pelletier",
            "Bélanger", "Lévesque", "Bergeron", "Paquette", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé",
            "Poirier", "Fournier", "Lapointe", "Thibault", "St-Pierre", "Nadeau", "Hébert", "Desjardins", "Chénier"],
        ["fr"], true, 0.6, [FrenchLevel.Fluent]);

    /// <summary>First names given to children, many of them born here.</summary>
    public static readonly string[] ChildNames =
    [
        "Léa", "Emma", "Olivia", "Alice", "Florence", "Charlotte", "Chloé", "Zoé", "Noah", "William", "Liam", "Thomas",
        "Jacob", "Léo", "Nathan", "Adam", "Gabriel", "Raphaël", "Inès", "Yasmine", "Sofia", "Lina", "Rayan", "Ilyes", "Amir",
        "Nour", "Maya", "Sami", "Elias", "Mila", "Aya", "Malik", "Éloïse", "Anaëlle", "Mathis", "Ismaël", "Jade", "Sara",
        "Youssef", "Maëlle", "Daniel", "Ethan", "Amira", "Samuel", "Élie", "Jayden", "Kenza", "Aïcha", "Omar", "Victoria",
    ];

    /// <summary>Montréal boroughs and island municipalities, weighted toward where newcomers live, with their postal areas and streets.</summary>
    public static readonly (string Borough, double Weight, string[] PostalAreas, string[] Streets)[] Boroughs =
    [
        ("Côte-des-Neiges–Notre-Dame-de-Grâce", 0.14, ["H3S", "H3T", "H3W", "H4A", "H4B"],
            ["chemin de la Côte-des-Neiges", "avenue Van Horne", "rue Jean-Brillant", "avenue Victoria", "boulevard Décarie", "avenue de Monkland"]),
        ("Saint-Laurent", 0.10, ["H4L", "H4M", "H4N", "H4R"],
            ["boulevard Côte-Vertu", "rue Décarie", "boulevard Marcel-Laurin", "rue Grenet", "avenue Sainte-Croix"]),
        ("Villeray–Saint-Michel–Parc-Extension", 0.12, ["H2R", "H1Z", "H3N", "H2P"],
            ["rue Jean-Talon Ouest", "avenue Querbes", "rue Jarry Est", "boulevard Saint-Michel", "avenue Ogilvy", "rue Villeray"]),
        ("Montréal-Nord", 0.08, ["H1G", "H1H"],
            ["boulevard Henri-Bourassa Est", "rue Pie-IX", "avenue Pelletier", "boulevard Léger", "rue Lapierre"]),
        ("Ahuntsic-Cartierville", 0.08, ["H2C", "H3M", "H4J", "H4K", "H2M"],
            ["boulevard Gouin Ouest", "rue Fleury Est", "boulevard Laurentien", "rue de Salaberry", "avenue Papineau"]),
        ("Saint-Léonard", 0.06, ["H1P", "H1R", "H1S"],
            ["boulevard Lacordaire", "rue Jarry Est", "boulevard Langelier", "rue Jean-Talon Est", "boulevard Viau"]),
        ("Mercier–Hochelaga-Maisonneuve", 0.06, ["H1L", "H1M", "H1N", "H1V", "H1W"],
            ["rue Sainte-Catherine Est", "rue Hochelaga", "avenue Pierre-De Coubertin", "rue Sherbrooke Est", "rue Ontario Est"]),
        ("Rosemont–La Petite-Patrie", 0.06, ["H1X", "H1Y", "H2G", "H2S"],
            ["rue Beaubien Est", "boulevard Rosemont", "rue Saint-Hubert", "avenue Papineau", "rue Bélanger"]),
        ("Anjou", 0.03, ["H1J", "H1K"], ["avenue de Chaumont", "boulevard des Roseraies", "avenue Azilda", "rue Bélair"]),
        ("LaSalle", 0.05, ["H8N", "H8P", "H8R"], ["boulevard Newman", "rue Lapierre", "avenue Dollard", "boulevard Shevchenko"]),
        ("Pierrefonds-Roxboro", 0.04, ["H8Y", "H8Z", "H9H", "H9K"], ["boulevard de Pierrefonds", "rue Paiement", "boulevard Gouin Ouest"]),
        ("Rivière-des-Prairies–Pointe-aux-Trembles", 0.03, ["H1A", "H1B", "H1C", "H1E"],
            ["boulevard Maurice-Duplessis", "boulevard Perras", "rue Sherbrooke Est"]),
        ("Le Plateau-Mont-Royal", 0.02, ["H2J", "H2T", "H2W", "H2H"], ["avenue du Mont-Royal Est", "rue Saint-Denis", "avenue Papineau"]),
        ("Le Sud-Ouest", 0.03, ["H3J", "H3K", "H4C", "H4E"], ["rue Notre-Dame Ouest", "rue Centre", "boulevard Monk", "rue Wellington"]),
        ("Verdun", 0.03, ["H3E", "H4G", "H4H"], ["rue Wellington", "boulevard LaSalle", "rue de Verdun", "avenue Woodland"]),
        ("Ville-Marie", 0.02, ["H2L", "H3A", "H3H"], ["rue Sainte-Catherine Est", "boulevard René-Lévesque Ouest", "rue Saint-Mathieu"]),
        ("Lachine", 0.02, ["H8S", "H8T"], ["rue Notre-Dame", "boulevard Saint-Joseph", "avenue Provost"]),
        ("Outremont", 0.01, ["H2V"], ["avenue Van Horne", "rue Bernard Ouest", "avenue Durocher"]),
        ("Côte-Saint-Luc", 0.01, ["H4V", "H4W"], ["chemin de la Côte-Saint-Luc", "avenue Westminster Nord", "chemin Kildare"]),
        ("Dollard-Des Ormeaux", 0.01, ["H9A", "H9B", "H9G"], ["boulevard des Sources", "boulevard de Salaberry", "rue Spring Garden"]),
    ];

    /// <summary>Host regions people ask for most, and real municipalities in each (codes of shared/data/regions.csv).</summary>
    public static readonly IReadOnlyDictionary<string, (double Weight, string[] Municipalities)> HostRegions =
        new Dictionary<string, (double, string[])>
        {
            ["01"] = (0.05, ["Rimouski", "Rivière-du-Loup", "Matane", "Amqui", "Trois-Pistoles", "Mont-Joli"]),
            ["02"] = (0.06, ["Saguenay", "Alma", "Roberval", "Dolbeau-Mistassini", "Saint-Félicien"]),
            ["03"] = (0.14, ["Québec", "Baie-Saint-Paul", "La Malbaie", "Saint-Raymond", "Donnacona", "Pont-Rouge"]),
            ["04"] = (0.09, ["Trois-Rivières", "Shawinigan", "La Tuque", "Louiseville"]),
            ["05"] = (0.12, ["Sherbrooke", "Magog", "Coaticook", "Lac-Mégantic", "East Angus", "Windsor"]),
            ["07"] = (0.07, ["Gatineau", "Maniwaki", "Shawville", "Papineauville", "Val-des-Monts", "Chelsea"]),
            ["08"] = (0.04, ["Rouyn-Noranda", "Val-d'Or", "Amos", "La Sarre", "Ville-Marie"]),
            ["09"] = (0.02, ["Sept-Îles", "Baie-Comeau", "Port-Cartier", "Forestville"]),
            ["10"] = (0.01, ["Chibougamau", "Chapais", "Lebel-sur-Quévillon", "Matagami"]),
            ["11"] = (0.02, ["Gaspé", "Sainte-Anne-des-Monts", "Carleton-sur-Mer", "New Richmond", "Les Îles-de-la-Madeleine", "Chandler"]),
            ["12"] = (0.08, ["Lévis", "Saint-Georges", "Thetford Mines", "Montmagny", "Sainte-Marie"]),
            ["14"] = (0.05, ["Joliette", "Terrebonne", "Repentigny", "Mascouche", "Rawdon", "Berthierville"]),
            ["15"] = (0.06, ["Saint-Jérôme", "Mirabel", "Sainte-Agathe-des-Monts", "Mont-Laurier", "Mont-Tremblant", "Saint-Eustache"]),
            ["16"] = (0.10, ["Saint-Jean-sur-Richelieu", "Granby", "Saint-Hyacinthe", "Salaberry-de-Valleyfield", "Sorel-Tracy", "Cowansville"]),
            ["17"] = (0.09, ["Drummondville", "Victoriaville", "Bécancour", "Nicolet", "Plessisville"]),
        };

    /// <summary>Occupations, masculine and feminine forms.</summary>
    public static readonly (string Man, string Woman)[] Occupations =
    [
        ("Ingénieur civil", "Ingénieure civile"), ("Technicien en informatique", "Technicienne en informatique"),
        ("Développeur logiciel", "Développeuse logicielle"), ("Comptable", "Comptable"), ("Infirmier", "Infirmière"),
        ("Préposé aux bénéficiaires", "Préposée aux bénéficiaires"), ("Éducateur en service de garde", "Éducatrice en service de garde"),
        ("Enseignant", "Enseignante"), ("Soudeur", "Soudeuse"), ("Électricien", "Électricienne"),
        ("Mécanicien automobile", "Mécanicienne automobile"), ("Chauffeur de camion", "Chauffeuse de camion"),
        ("Cuisinier", "Cuisinière"), ("Opérateur de production", "Opératrice de production"),
        ("Agent de service à la clientèle", "Agente de service à la clientèle"), ("Caissier", "Caissière"),
        ("Manutentionnaire", "Manutentionnaire"), ("Agronome", "Agronome"), ("Pharmacien", "Pharmacienne"),
        ("Médecin (reconnaissance des acquis en cours)", "Médecin (reconnaissance des acquis en cours)"),
        ("Technicien de laboratoire", "Technicienne de laboratoire"), ("Commis d'entrepôt", "Commis d'entrepôt"),
        ("Boucher", "Bouchère"), ("Ouvrier agricole", "Ouvrière agricole"), ("Charpentier-menuisier", "Charpentière-menuisière"),
        ("Adjoint administratif", "Adjointe administrative"), ("Analyste financier", "Analyste financière"),
        ("Couturier", "Couturière"), ("Coiffeur", "Coiffeuse"), ("Agent de sécurité", "Agente de sécurité"),
        ("Travailleur social", "Travailleuse sociale"), ("Architecte", "Architecte"),
        ("Dessinateur industriel", "Dessinatrice industrielle"), ("Journaliste", "Journaliste"),
        ("Livreur", "Livreuse"), ("Aide-cuisinier", "Aide-cuisinière"), ("Infirmier auxiliaire", "Infirmière auxiliaire"),
    ];

    public static readonly (string Man, string Woman)[] StudentOccupations =
    [
        ("Étudiant en administration", "Étudiante en administration"), ("Étudiant en soins infirmiers", "Étudiante en soins infirmiers"),
        ("Étudiant en génie", "Étudiante en génie"), ("Étudiant en francisation", "Étudiante en francisation"),
    ];

    public static readonly (string Text, ContactChannel Channel)[] FirstContacts =
    [
        ("Premier appel : présentation du programme de régionalisation et de ses étapes. Région d'intérêt : {region}.", ContactChannel.Phone),
        ("Appel de suivi après l'inscription en ligne : vérification des coordonnées et premiers besoins du ménage.", ContactChannel.Phone),
        ("Premier échange par courriel : documentation sur la région d'intérêt ({region}) et calendrier des séances d'information.", ContactChannel.Email),
        ("Rencontre d'accueil au bureau : présentation du programme et évaluation sommaire des besoins.", ContactChannel.InPerson),
        ("Rencontre d'accueil en visioconférence : parcours d'immigration, projet de vie et régions d'intérêt.", ContactChannel.Video),
    ];

    public static readonly (string Text, ContactChannel Channel)[][] StageContacts =
    [
        // Outreach
        [
            ("Évaluation des besoins : emploi, logement et services pour la famille. Région d'intérêt : {region}.", ContactChannel.InPerson),
            ("Suivi téléphonique : le ménage réfléchit encore, documentation sur la région ({region}) renvoyée par courriel.", ContactChannel.Phone),
            ("Texto envoyé pour confirmer le rendez-vous d'évaluation des besoins.", ContactChannel.TextMessage),
            ("Appel : questions sur le coût de la vie et le transport en région.", ContactChannel.Phone),
        ],
        // PersonalizedPlan
        [
            ("Élaboration du plan d'accompagnement : objectifs d'emploi et échéancier établis avec le ménage.", ContactChannel.InPerson),
            ("Suivi du plan : CV mis à jour, inscription au cours de francisation à temps partiel.", ContactChannel.Phone),
            ("Révision des démarches de reconnaissance des acquis avec {prenom}.", ContactChannel.Video),
            ("Courriel : liste d'employeurs de la région ({region}) transmise, à relancer la semaine prochaine.", ContactChannel.Email),
        ],
        // InfoSession
        [
            ("Confirmation de la participation à la séance d'information sur la région ({region}).", ContactChannel.Phone),
            ("Retour sur la séance d'information : intérêt marqué pour les offres d'emploi à {municipalite}.", ContactChannel.Phone),
            ("Rappel par texto de la séance d'information de jeudi.", ContactChannel.TextMessage),
            ("Échange sur les écoles et les services de garde de {municipalite}.", ContactChannel.Video),
        ],
        // ExploratoryStay
        [
            ("Préparation du séjour exploratoire à {municipalite} : transport, hébergement et rencontres avec des employeurs.", ContactChannel.InPerson),
            ("Retour du séjour exploratoire : rencontres positives avec deux employeurs et visite de logements.", ContactChannel.Phone),
            ("Suivi des entrevues obtenues pendant le séjour à {municipalite}.", ContactChannel.Phone),
            ("Courriel : programme du séjour exploratoire envoyé, confirmation attendue.", ContactChannel.Email),
        ],
        // MovingSubsidy
        [
            ("Demande de soutien financier au déménagement : bail signé reçu, preuve d'emploi à venir.", ContactChannel.Email),
            ("Vérification des pièces pour l'admissibilité au soutien financier au déménagement.", ContactChannel.InPerson),
            ("Appel : date de déménagement prévue, inscription des enfants à l'école de {municipalite}.", ContactChannel.Phone),
            ("Suivi de l'offre d'emploi à {municipalite} : début prévu le mois prochain.", ContactChannel.Phone),
        ],
    ];

    public static readonly (string Text, ContactChannel Channel)[] GeneralContacts =
    [
        ("Appel de suivi : pas de nouvelle démarche, le ménage poursuit sa réflexion.", ContactChannel.Phone),
        ("Texto envoyé pour rappeler le rendez-vous de la semaine prochaine.", ContactChannel.TextMessage),
        ("Courriel de suivi avec des offres d'emploi en région.", ContactChannel.Email),
        ("Appel : {prenom} a eu une entrevue, attend une réponse.", ContactChannel.Phone),
        ("Rencontre de suivi au bureau, mise à jour du dossier.", ContactChannel.InPerson),
    ];

    public static readonly string[] Notes =
    [
        "Offre d'emploi transmise par le partenaire régional ({region}).",
        "Référence vers le service de francisation du quartier.",
        "Discussion en équipe : dossier à prioriser, l'offre d'emploi expire bientôt.",
        "Documents reçus : CV et lettre de motivation.",
        "Message laissé dans la boîte vocale, en attente d'un retour.",
        "Le ménage a demandé de l'information sur le logement à {municipalite}.",
        "Vérifier l'admissibilité au soutien financier avant la prochaine rencontre.",
    ];

    public static readonly string[] UnreachableNotes =
    [
        "Tentative d'appel sans réponse, message laissé.",
        "Courriel de relance envoyé, aucune réponse.",
        "Texto de relance envoyé, aucune réponse.",
    ];

    public static readonly string[] SettledFollowUps =
    [
        "Suivi post-établissement : le ménage est bien installé à {municipalite}, les enfants fréquentent l'école du quartier.",
        "Suivi post-établissement : {prenom} a conservé son emploi, le ménage cherche un logement plus grand.",
        "Suivi post-établissement : bonne intégration, participation aux activités de l'organisme d'accueil.",
    ];

    public static readonly string[] HoldReasons =
    [
        "Attente du renouvellement du permis de travail.",
        "Naissance prévue : le ménage reprendra ses démarches après le congé parental.",
        "Fin de l'année scolaire des enfants avant de poursuivre.",
        "Séjour prolongé à l'étranger pour des raisons familiales.",
        "En attente de la réponse d'un employeur en région.",
        "En attente du résultat de l'évaluation comparative des études.",
    ];

    /// <summary>Withdrawal reason codes (ReferenceDataSeeder) with their weight and a comment a counsellor would write.</summary>
    public static readonly IReadOnlyDictionary<string, (double Weight, string Comment)> WithdrawalReasons =
        new Dictionary<string, (double, string)>
        {
            ["job-montreal"] = (0.16, "A obtenu un poste permanent à Montréal."),
            ["no-job-region"] = (0.09, "L'offre d'emploi en région a été retirée."),
            ["spouse-job"] = (0.09, "Le conjoint ou la conjointe ne veut pas quitter son emploi."),
            ["children"] = (0.07, "Préfère attendre la fin du secondaire des enfants."),
            ["housing"] = (0.07, "Aucun logement abordable trouvé dans la région visée."),
            ["network-montreal"] = (0.10, "Souhaite rester près de la famille et de la communauté."),
            ["immigration-status"] = (0.06, "Permis de travail fermé lié à un employeur de Montréal."),
            ["language"] = (0.04, "Souhaite d'abord terminer la francisation."),
            ["health"] = (0.04, "Suivi médical à poursuivre à Montréal."),
            ["transportation"] = (0.03, "Pas de permis de conduire, transport collectif insuffisant."),
            ["credentials"] = (0.03, "Démarches auprès de l'ordre professionnel en cours."),
            ["postponed"] = (0.10, "Projet reporté d'un an."),
            ["unreachable"] = (0.08, "Trois tentatives sans réponse (appel, courriel, texto)."),
            ["left-quebec"] = (0.02, "A déménagé en Ontario."),
            ["other"] = (0.02, "Raisons personnelles."),
        };

    public static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];
}
