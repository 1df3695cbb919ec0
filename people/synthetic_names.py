"""Names for synthetic people: those of Seine-Saint-Denis first (the most common are drawn
most often, so many people share a name), with accents, particles, hyphens and apostrophes.

Order matters: `seed_synthetic` draws index `floor(random()² × n)`, so the first names of each
list are by far the most frequent, as in a real population.
"""

FEMALE_FIRST_NAMES = [
    "Fatoumata", "Aïcha", "Mariam", "Sarah", "Inès", "Fatima", "Amina", "Marie", "Léa",
    "Awa", "Yasmine", "Nadia", "Sophie", "Camille", "Hawa", "Kadiatou", "Myriam", "Hélène",
    "Élodie", "Françoise", "Nathalie", "Sandrine", "Mélissa", "Chloé", "Emma", "Manon",
    "Zoé", "Maëlle", "Anaïs", "Céline", "Khadija", "Samia", "Leïla", "Malika", "Djeneba",
    "Assa", "Binta", "Oumou", "Ramatoulaye", "Ndeye", "Thi Thu", "Mei", "Ana", "Inês",
    "Maria", "Rosa", "Ioana", "Elif", "Zeynep", "Anne-Marie", "Marie-Claire", "Marie-Thérèse",
    "Jeanne", "Lætitia", "Geneviève", "Brigitte", "Noémie", "Agnès", "Béatrice", "Clémence", "Loïs",
]
MALE_FIRST_NAMES = [
    "Mohamed", "Moussa", "Mamadou", "Adama", "Ibrahima", "Karim", "Yanis", "Lucas", "Thomas",
    "Nicolas", "Julien", "Ousmane", "Souleymane", "Bakary", "Abdoulaye", "Youssef", "Mehdi",
    "Rayan", "Amine", "Bilal", "Kévin", "Jérôme", "Stéphane", "François", "Jean-Pierre",
    "Jean-Baptiste", "Pierre", "Paul", "Hugo", "Théo", "Noé", "Éric", "Frédéric", "Cédric",
    "Hakim", "Samir", "Rachid", "Djibril", "Seydou", "Boubacar", "Cheikh", "Van Long", "Wei",
    "João", "José", "Andrei", "Mustafa", "Emre", "Jean", "Michel", "Alain", "Gérard",
    "Raphaël", "Anaël", "Joël", "Loïc", "Maël", "Gaël", "Aurélien", "Benoît",
]
LAST_NAMES = [
    "Traoré", "Diallo", "Camara", "Koné", "Cissé", "Martin", "Sylla", "Doucouré", "Keïta",
    "Konaté", "Bâ", "Diop", "N'Diaye", "Mendy", "Bamba", "Touré", "Fofana", "Sissoko",
    "Coulibaly", "Kanté", "Dembélé", "Diarra", "Sow", "Kouyaté", "Soumaré", "Sidibé", "Tounkara",
    "Bernard", "Dubois", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
    "Michel", "Garcia", "Fernandes", "Da Silva", "Dos Santos", "Pereira", "Rodrigues",
    "Nguyen", "Tran", "Le", "Pham", "Benali", "Haddad", "Belkacem", "Mansouri", "Boukhris",
    "Amrani", "Chérif", "Kaci", "Meziane", "Hamidi", "Zeroual", "Ben Ahmed", "Ould Mohamed",
    "Yılmaz", "Kaya", "Öztürk", "Wang", "Chen", "Li", "Zhang", "Popescu", "Ionescu",
    "D'Almeida", "N'Guessan", "M'Bappé", "N'Dour", "L'Hôte", "D'Souza", "Mbaye", "Gueye",
    "Faye", "Ndour", "Thiam", "Kébé", "Baldé", "Barry", "Bah", "Condé", "Kourouma",
    "Martin-Diallo", "Dupont-Aignan", "Lévy-Strauss", "Saint-Éloi", "Le Goff", "Le Gall",
    "de La Fontaine", "de Saint-Exupéry", "du Bois", "Van der Berg", "Roussel", "Fontaine",
    "Chevalier", "Gauthier", "Mercier", "Blanc", "Guérin", "Boyer", "Lemaître", "Œillet",
    "Bœuf", "Dœuvre", "Müller", "Nuñez", "Gonçalves", "Açores",
]
