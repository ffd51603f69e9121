#!/usr/bin/env python3
"""Write data/examples/ville-fictive.csv, the demo roster of a fictitious large French city.

The city, its organisation, jobs, headcounts and activities are invented, written from public
knowledge of how large French cities are organised (published organigrammes, the filières and
catégories of the fonction publique territoriale, typical fiches de poste). No real person,
service or figure is described. Nothing here is tuned to any exposure result.

Output: long format, one row per (job, activity); a job is a Métier within a Service, and its
Effectif and Femmes are repeated on each of its rows. Semicolon-delimited, UTF-8 without BOM, LF
line endings, decimal commas. Deterministic: no randomness, rows keep the order written below.

Usage: python3 scripts/build_ville_fictive.py [OUTPUT]   (default data/examples/ville-fictive.csv)
"""
import csv
import os
import sys

HEADER = ["Direction", "Service", "Métier", "Effectif", "Femmes", "Filière", "Catégorie",
          "Tâche", "Part du temps", "Code rubrique"]
FILIERES = {"Administrative", "Technique", "Médico-sociale", "Sociale", "Culturelle", "Sportive",
            "Animation", "Police municipale"}


def job(metier, effectif, pct_femmes, filiere, categorie, taches):
    """A job: title, headcount, share of women in % (rounded to whole agents), filière,
    catégorie, and its activities as (text, share of working time in %), summing to 100. An
    activity may carry a third element: the rubric rule its author chose by hand, for a text too
    vague for the rubric to read alone (the roster's "Code rubrique" column)."""
    return {"metier": metier, "effectif": effectif, "pct_femmes": pct_femmes,
            "filiere": filiere, "categorie": categorie, "taches": taches}


# Direction -> Service -> jobs. Shares of time are whole percentages.
ORGANISATION = {
    "Secrétariat général": {
        "Cabinet du maire": [
            job("Chargé(e) de mission", 7, 57, "Administrative", "A", [
                ("Préparer les notes, dossiers et éléments de langage du maire et des adjoints", 30),
                ("Suivre les sollicitations des habitants adressées au maire et préparer les réponses", 20),
                ("Rédiger les discours et les courriers signés par le maire", 20),
                ("Représenter le cabinet dans les réunions avec les partenaires institutionnels", 15),
                ("Assurer la veille sur l'actualité locale et les dossiers sensibles", 15),
            ]),
            job("Assistant(e) de direction", 9, 89, "Administrative", "B", [
                ("Gérer l'agenda du maire et des adjoints et organiser les rendez-vous", 25),
                ("Filtrer et orienter les appels téléphoniques", 15),
                ("Enregistrer et suivre le courrier réservé du cabinet", 20),
                ("Préparer les dossiers des réunions et des déplacements", 20),
                ("Mettre en forme et relire les courriers et les notes", 20),
            ]),
            job("Chargé(e) du protocole", 5, 80, "Administrative", "B", [
                ("Organiser les cérémonies officielles, les commémorations et les inaugurations", 35),
                ("Établir les listes d'invités, les cartons d'invitation et les plans de table", 20),
                ("Accueillir les personnalités et veiller au respect des préséances", 15),
                ("Coordonner la logistique avec les services techniques (podiums, pavoisement, sonorisation)", 20),
                ("Traiter les demandes de réception en mairie et de parrainage", 10),
            ]),
            job("Chauffeur(euse)", 6, 0, "Technique", "C", [
                ("Conduire le maire et les élus lors de leurs déplacements", 55),
                ("Assurer l'entretien courant et la propreté du véhicule", 15),
                ("Préparer les itinéraires en fonction des contraintes horaires", 10),
                ("Tenir le carnet de bord (pleins, kilométrage, entretiens)", 10),
                ("Porter des plis et des documents urgents", 10),
            ]),
        ],
        "Direction de la communication": [
            job("Chargé(e) de communication", 16, 71, "Administrative", "A", [
                ("Concevoir les plans de communication des projets municipaux", 25),
                ("Rédiger des articles pour le magazine municipal et le site internet", 25),
                ("Rédiger les communiqués et les dossiers de presse et répondre aux journalistes", 15),
                ("Piloter la réalisation des supports avec les graphistes et les imprimeurs", 20),
                ("Suivre le budget et les marchés de communication", 15),
            ]),
            job("Graphiste", 5, 60, "Technique", "B", [
                ("Créer les affiches, dépliants et visuels des événements de la ville", 45),
                ("Mettre en page le magazine municipal", 25),
                ("Décliner la charte graphique sur les supports imprimés et numériques", 15),
                ("Préparer les fichiers pour l'impression et contrôler les épreuves", 15),
            ]),
            job("Chargé(e) de communication numérique", 5, 60, "Administrative", "B", [
                ("Animer les réseaux sociaux de la ville et modérer les commentaires", 30),
                ("Mettre à jour les pages du site internet", 25),
                ("Réaliser et monter de courtes vidéos", 20),
                ("Rédiger la lettre d'information électronique", 10),
                ("Analyser les statistiques d'audience", 15),
            ]),
        ],
        "Service des assemblées": [
            job("Gestionnaire des assemblées", 6, 83, "Administrative", "B", [
                ("Préparer l'ordre du jour et constituer les dossiers du conseil municipal", 25),
                ("Contrôler la forme des projets de délibération transmis par les services", 20),
                ("Télétransmettre les actes au contrôle de légalité", 15),
                ("Rédiger le procès-verbal des séances", 20),
                ("Tenir les registres des délibérations et des arrêtés", 10),
                ("Assurer la logistique des séances (salle, votes, retransmission)", 10),
            ]),
        ],
        "Direction des affaires juridiques": [
            job("Juriste", 8, 63, "Administrative", "A", [
                ("Conseiller les services et les élus sur la sécurité juridique de leurs projets", 30),
                ("Rédiger des notes et des consultations juridiques", 20),
                ("Instruire les dossiers contentieux et rédiger les mémoires en défense", 25),
                ("Suivre les procédures confiées aux avocats de la ville", 10),
                ("Assurer une veille juridique et jurisprudentielle", 15),
            ]),
            job("Assistant(e) juridique", 4, 100, "Administrative", "C", [
                ("Enregistrer les dossiers contentieux et surveiller les délais de procédure", 30),
                ("Constituer les pièces des dossiers et préparer les bordereaux", 25),
                ("Tenir à jour la documentation juridique du service", 15),
                ("Assurer le secrétariat du service (courriers, agenda, téléphone)", 30),
            ]),
        ],
        "Archives municipales": [
            job("Archiviste", 5, 80, "Culturelle", "A", [
                ("Collecter les archives des services et contrôler les éliminations réglementaires", 25),
                ("Classer les fonds et rédiger les instruments de recherche", 30),
                ("Conseiller les services sur l'archivage de leurs documents papier et numériques", 15),
                ("Renseigner les chercheurs et les usagers en salle de lecture", 15),
                ("Concevoir des expositions et des publications de valorisation", 15),
            ]),
            job("Magasinier(ère) d'archives", 7, 43, "Culturelle", "C", [
                ("Réceptionner les versements et les ranger en magasin", 30),
                ("Communiquer les documents en salle de lecture et les réintégrer", 25),
                ("Conditionner les documents dans des boîtes et des pochettes adaptées", 15),
                ("Relever la température et l'hygrométrie des magasins", 10),
                ("Effectuer des recherches simples et des reproductions pour les usagers", 20),
            ]),
        ],
        "Courrier et reprographie": [
            job("Agent(e) du courrier", 14, 50, "Administrative", "C", [
                ("Réceptionner, ouvrir et trier le courrier entrant", 30),
                ("Numériser les plis et les enregistrer dans le logiciel de gestion du courrier", 25),
                ("Distribuer le courrier dans les services lors des tournées", 20),
                ("Affranchir et expédier le courrier sortant", 20),
                ("Gérer les lettres recommandées et les colis", 5),
            ]),
            job("Agent(e) de reprographie", 5, 20, "Technique", "C", [
                ("Réaliser les travaux d'impression et de reliure demandés par les services", 45),
                ("Façonner les documents (massicotage, pliage, agrafage)", 20),
                ("Assurer la maintenance de premier niveau des copieurs", 15),
                ("Gérer les stocks de papier et de consommables", 10),
                ("Établir les devis et suivre la facturation interne", 10),
            ]),
        ],
    },
    "DG Ressources": {
        "Direction des finances": [
            job("Gestionnaire comptable", 52, 84, "Administrative", "C", [
                ("Saisir les engagements et les mandats dans le logiciel financier", 35),
                ("Vérifier les pièces justificatives des factures avant liquidation", 25),
                ("Émettre les titres de recettes", 15),
                ("Répondre aux fournisseurs sur l'état de paiement de leurs factures", 15),
                ("Traiter les rejets du comptable public et procéder aux régularisations", 10),
            ]),
            job("Analyste budgétaire", 9, 67, "Administrative", "A", [
                ("Préparer le budget primitif, les décisions modificatives et le compte administratif", 30),
                ("Analyser les demandes budgétaires des directions et préparer les arbitrages", 20),
                ("Réaliser la prospective financière et le suivi de la dette", 20),
                ("Suivre l'exécution budgétaire et produire des tableaux de bord", 20),
                ("Rédiger les rapports de présentation et les maquettes budgétaires", 10),
            ]),
            job("Contrôleur(euse) de gestion", 4, 50, "Administrative", "A", [
                ("Concevoir et alimenter les tableaux de bord de pilotage des directions", 25),
                ("Calculer le coût complet des services publics municipaux", 25),
                ("Contrôler la situation financière des associations et des satellites de la ville", 20),
                ("Conduire des audits de gestion et formuler des recommandations", 20),
                ("Présenter les résultats aux directeurs et aux élus", 10),
            ]),
        ],
        "Direction de la commande publique": [
            job("Acheteur(euse) public(que)", 11, 64, "Administrative", "A", [
                ("Recenser les besoins des services et définir la stratégie d'achat", 20),
                ("Rédiger les pièces administratives des consultations (règlement, CCAP)", 25),
                ("Publier les avis et conduire les consultations sur la plateforme de dématérialisation", 15),
                ("Analyser les offres et rédiger les rapports d'analyse", 25),
                ("Négocier avec les candidats", 15),
            ]),
            job("Gestionnaire des marchés publics", 9, 89, "Administrative", "B", [
                ("Préparer les dossiers de la commission d'appel d'offres", 20),
                ("Notifier les marchés et informer les candidats non retenus", 20),
                ("Rédiger les avenants, les actes de sous-traitance et les reconductions", 25),
                ("Transmettre les marchés au contrôle de légalité", 10),
                ("Suivre les échéances des marchés et alerter les services", 15),
                ("Archiver les dossiers de consultation", 10),
            ]),
        ],
        "Direction des systèmes d'information": [
            job("Technicien(ne) support informatique", 40, 18, "Technique", "B", [
                ("Prendre en charge les demandes des utilisateurs au centre de services", 30),
                ("Diagnostiquer et résoudre les pannes matérielles et logicielles", 30),
                ("Installer et configurer les postes de travail, les imprimantes et les téléphones", 20),
                ("Tenir l'inventaire du parc informatique", 10),
                ("Rédiger des fiches de procédure pour les utilisateurs", 10),
            ]),
            job("Administrateur(trice) systèmes et réseaux", 16, 14, "Technique", "A", [
                ("Administrer les serveurs, le stockage et les sauvegardes", 30),
                ("Superviser les réseaux et les équipements de sécurité (pare-feu, VPN)", 25),
                ("Appliquer les mises à jour et les correctifs de sécurité", 15),
                ("Traiter les incidents d'exploitation de niveau 2 et 3", 20),
                ("Documenter l'architecture et les procédures d'exploitation", 10),
            ]),
            job("Chef(fe) de projet informatique", 18, 38, "Technique", "A", [
                ("Recueillir et formaliser les besoins des directions métiers", 20),
                ("Rédiger les cahiers des charges et participer au choix des solutions", 15),
                ("Piloter le déploiement des applications et le planning du projet", 25),
                ("Paramétrer les progiciels et organiser les recettes", 20),
                ("Former les référents utilisateurs", 10),
                ("Suivre la maintenance des applications avec les éditeurs", 10),
            ]),
            job("Développeur(euse)", 7, 14, "Technique", "B", [
                ("Développer et maintenir les applications et les services en ligne de la ville", 40),
                ("Écrire les scripts d'échange de données entre les logiciels métiers", 20),
                ("Tester les développements et corriger les anomalies", 20),
                ("Rédiger la documentation technique", 10),
                ("Concevoir et faire évoluer les bases de données", 10),
            ]),
            job("Architecte du système d'information", 2, 0, "Technique", "A", [
                ("Définir l'architecture cible du système d'information", 30),
                ("Étudier les solutions techniques et rendre des avis sur les projets", 25),
                ("Garantir la cohérence des échanges de données entre les applications", 20),
                ("Contribuer à la politique de sécurité des systèmes d'information", 15),
                ("Conduire une veille technologique", 10),
            ]),
        ],
        "Service juridique et des assurances": [
            job("Juriste", 4, 75, "Administrative", "A", [
                ("Rédiger les conventions d'occupation du domaine public et les baux", 30),
                ("Conseiller les directions sur leurs contrats et leurs partenariats", 30),
                ("Instruire les dossiers de précontentieux et négocier les protocoles transactionnels", 25),
                ("Tenir à jour les modèles d'actes de la ville", 15),
            ]),
            job("Chargé(e) des assurances", 4, 75, "Administrative", "B", [
                ("Déclarer les sinistres aux assureurs et suivre leur indemnisation", 30),
                ("Instruire les réclamations des tiers mettant en cause la responsabilité de la ville", 25),
                ("Recenser les biens et les risques à assurer", 15),
                ("Participer à la rédaction des marchés d'assurance", 15),
                ("Conseiller les services sur la prévention des risques", 15),
            ]),
        ],
    },
    "DG Ressources humaines": {
        "Carrière et paie": [
            job("Gestionnaire carrière-paie", 56, 88, "Administrative", "B", [
                ("Saisir les éléments variables de paie et contrôler les bulletins", 30),
                ("Rédiger les arrêtés de carrière (avancement, positions, temps partiel)", 25),
                ("Constituer les dossiers de retraite", 10),
                ("Renseigner les agents sur leur situation administrative", 15),
                ("Mettre à jour les dossiers individuels des agents", 10),
                ("Établir les déclarations sociales mensuelles", 10),
            ]),
            job("Gestionnaire absences et maladie", 9, 89, "Administrative", "C", [
                ("Saisir les arrêts de maladie et calculer les droits à plein et demi-traitement", 30),
                ("Instruire les dossiers d'accident de service et de maladie professionnelle", 25),
                ("Préparer les dossiers soumis au conseil médical", 20),
                ("Organiser les contre-visites et les expertises médicales", 10),
                ("Répondre aux questions des agents et des encadrants", 15),
            ]),
        ],
        "Recrutement et formation": [
            job("Chargé(e) de recrutement", 12, 90, "Administrative", "B", [
                ("Rédiger et diffuser les offres d'emploi", 20),
                ("Présélectionner les candidatures et conduire les entretiens de recrutement", 35),
                ("Aider les encadrants à définir leurs besoins et les profils de poste", 15),
                ("Organiser les jurys et informer les candidats", 15),
                ("Accompagner les agents en mobilité interne ou en reclassement", 15),
            ]),
            job("Chargé(e) de formation", 9, 78, "Administrative", "B", [
                ("Recenser les besoins de formation et élaborer le plan de formation", 25),
                ("Organiser les sessions (intervenants, salles, convocations)", 30),
                ("Inscrire les agents aux formations du CNFPT", 15),
                ("Évaluer les actions de formation et établir les bilans", 15),
                ("Suivre le budget de la formation", 15),
            ]),
            job("Assistant(e) administratif(ve)", 10, 90, "Administrative", "C", [
                ("Accueillir les agents et les candidats et répondre au téléphone", 25),
                ("Enregistrer les candidatures et envoyer les accusés de réception", 20),
                ("Préparer les convocations et les courriers types", 20),
                ("Saisir les informations dans le logiciel de gestion des ressources humaines", 20),
                ("Classer et archiver les dossiers", 15),
            ]),
        ],
        "Santé au travail": [
            job("Médecin du travail", 3, 67, "Médico-sociale", "A", [
                ("Réaliser les visites médicales des agents", 55),
                ("Proposer des aménagements de poste et des restrictions d'aptitude", 15),
                ("Visiter les lieux de travail", 10),
                ("Participer à la formation spécialisée en santé, sécurité et conditions de travail", 10),
                ("Tenir les dossiers médicaux en santé au travail", 10),
            ]),
            job("Infirmier(ère) en santé au travail", 5, 100, "Médico-sociale", "A", [
                ("Conduire les entretiens infirmiers et les visites d'information et de prévention", 45),
                ("Réaliser les examens complémentaires (audiogramme, vision, vaccinations)", 20),
                ("Organiser les convocations au suivi médical", 15),
                ("Participer aux actions collectives de prévention", 20),
            ]),
            job("Conseiller(ère) en prévention des risques professionnels", 6, 33, "Technique", "A", [
                ("Mettre à jour le document unique d'évaluation des risques professionnels", 25),
                ("Analyser les accidents de service et proposer des mesures correctives", 20),
                ("Visiter les sites et conseiller les encadrants sur la sécurité", 25),
                ("Animer le réseau des assistants de prévention", 15),
                ("Concevoir et animer des sensibilisations à la sécurité", 15),
            ]),
            job("Assistant(e) social(e) du personnel", 4, 100, "Sociale", "A", [
                ("Recevoir les agents en difficulté et évaluer leur situation", 40),
                ("Accompagner les agents dans leurs démarches (logement, budget, santé)", 25),
                ("Instruire les demandes d'aides financières et de prêts sociaux", 15),
                ("Travailler avec le médecin du travail au maintien dans l'emploi", 20),
            ]),
        ],
    },
    "DG Proximité et relations aux habitants": {
        "Accueil et relation usagers": [
            job("Agent(e) d'accueil", 24, 79, "Administrative", "C", [
                ("Accueillir, renseigner et orienter le public dans le hall de l'hôtel de ville", 40),
                ("Répondre aux appels du standard téléphonique", 30),
                ("Remettre les formulaires et aider les usagers à les remplir", 10),
                ("Gérer les objets trouvés", 10),
                ("Tenir les statistiques de fréquentation", 10),
            ]),
            job("Conseiller(ère) relation usagers", 20, 75, "Administrative", "C", [
                ("Répondre aux appels des usagers sur le numéro unique de la ville", 45),
                ("Traiter les demandes reçues par courriel et par le formulaire en ligne", 25),
                ("Enregistrer les signalements sur l'espace public et les transmettre aux services", 20),
                ("Enrichir la base de connaissances des réponses aux questions fréquentes", 10),
            ]),
        ],
        "Mairies d'arrondissement": [
            job("Agent(e) d'accueil", 76, 81, "Administrative", "C", [
                ("Accueillir le public et le renseigner sur les démarches administratives", 35),
                ("Recueillir les demandes de cartes d'identité et de passeports et relever les empreintes", 30),
                ("Délivrer les attestations et légaliser les signatures", 10),
                ("Tenir à jour l'affichage légal de la mairie", 5),
                ("Encaisser les droits et tenir la régie", 10),
                ("Réserver les salles municipales pour les associations", 10),
            ]),
            job("Secrétaire général(e) de mairie d'arrondissement", 9, 56, "Administrative", "A", [
                ("Encadrer les agents de la mairie d'arrondissement", 25),
                ("Préparer les conseils d'arrondissement et rédiger les délibérations", 20),
                ("Faire le lien avec les directions centrales", 15),
                ("Piloter le budget de la mairie d'arrondissement", 15),
                ("Accompagner les élus dans les réunions de quartier", 15),
                ("Traiter les réclamations des habitants", 10),
            ]),
            job("Assistant(e) administratif(ve)", 27, 89, "Administrative", "C", [
                ("Assurer le secrétariat des élus d'arrondissement", 30),
                ("Rédiger les courriers et les comptes rendus de réunion", 25),
                ("Instruire les demandes de subvention des associations de quartier", 15),
                ("Organiser les réunions des conseils de quartier", 15),
                ("Tenir les tableaux de suivi des demandes des habitants", 15),
            ]),
        ],
        "État civil": [
            job("Agent(e) d'état civil", 70, 86, "Administrative", "C", [
                ("Recevoir les déclarations et dresser les actes de naissance, de reconnaissance et de décès", 35),
                ("Constituer les dossiers de mariage et de PACS", 20),
                ("Délivrer les copies et les extraits d'actes", 15),
                ("Porter les mentions en marge des actes", 15),
                ("Traiter les demandes d'actes dématérialisées des notaires", 10),
                ("Préparer et célébrer avec l'élu les cérémonies de mariage", 5),
            ]),
            job("Référent(e) juridique état civil", 5, 80, "Administrative", "B", [
                ("Instruire les dossiers complexes (changements de prénom, rectifications, transcriptions)", 35),
                ("Saisir le procureur de la République en cas de doute sur un acte", 15),
                ("Contrôler les actes établis par les agents", 20),
                ("Répondre aux questions juridiques des agents et des usagers", 20),
                ("Mettre à jour les procédures au regard de l'évolution de la réglementation", 10),
            ]),
        ],
        "Élections": [
            job("Gestionnaire des élections", 8, 75, "Administrative", "C", [
                ("Tenir à jour la liste électorale dans le répertoire électoral unique", 35),
                ("Instruire les demandes d'inscription et les radiations", 20),
                ("Organiser matériellement les scrutins (bureaux de vote, assesseurs, matériel)", 25),
                ("Éditer et envoyer les cartes électorales", 10),
                ("Renseigner les électeurs sur les procurations", 10),
            ]),
        ],
        "Cimetières": [
            job("Agent(e) des cimetières", 30, 10, "Technique", "C", [
                ("Creuser et combler les fosses, ouvrir et fermer les caveaux", 30),
                ("Procéder aux exhumations et aux réductions de corps", 15),
                ("Entretenir les allées et les espaces verts des cimetières", 30),
                ("Accueillir et orienter les familles", 10),
                ("Assister aux convois et aux inhumations", 15),
            ]),
            job("Gestionnaire des concessions funéraires", 6, 83, "Administrative", "C", [
                ("Vendre et renouveler les concessions funéraires", 30),
                ("Tenir les registres et le plan des cimetières", 20),
                ("Délivrer les autorisations d'inhumation et de travaux", 25),
                ("Conduire les procédures de reprise des concessions abandonnées", 15),
                ("Renseigner les familles et les opérateurs funéraires", 10),
            ]),
        ],
        "Marchés et occupation du domaine public": [
            job("Placier(ère)", 10, 20, "Technique", "C", [
                ("Placer les commerçants non abonnés sur les marchés de plein air", 30),
                ("Percevoir les droits de place et tenir la régie", 25),
                ("Faire respecter le règlement des marchés", 20),
                ("Contrôler les terrasses et les étalages sur le domaine public", 15),
                ("Tenir le registre des abonnés et des listes d'attente", 10),
            ]),
        ],
    },
    "Éducation-Enfance": {
        "Écoles": [
            job("Agent(e) d'entretien", 700, 86, "Technique", "C", [
                ("Nettoyer les salles de classe, les sanitaires et les circulations", 55),
                ("Vider les corbeilles et trier les déchets", 10),
                ("Réaliser le grand ménage pendant les vacances scolaires", 15),
                ("Signaler les dégradations et les pannes au responsable de secteur", 5),
                ("Gérer le stock de produits d'entretien", 5),
                ("Surveiller les enfants pendant la pause méridienne", 10),
            ]),
            job("Gardien(ne) d'école", 95, 42, "Technique", "C", [
                ("Ouvrir et fermer l'école et contrôler les accès", 25),
                ("Surveiller les locaux et donner l'alerte en cas d'intrusion ou d'incident", 15),
                ("Effectuer de petits travaux de maintenance", 15),
                ("Entretenir les cours et les abords de l'école", 20),
                ("Réceptionner les livraisons", 10),
                ("Accueillir les entreprises qui interviennent dans l'école", 15),
            ]),
            job("Responsable de secteur scolaire", 22, 73, "Administrative", "B", [
                ("Encadrer les agents d'entretien et les ATSEM d'un groupe d'écoles", 30),
                ("Organiser les remplacements des agents absents", 20),
                ("Faire le lien avec les directeurs d'école et les parents d'élèves", 20),
                ("Recenser les besoins de travaux et suivre leur réalisation", 15),
                ("Évaluer les agents et proposer leurs formations", 15),
            ]),
            job("Gestionnaire des inscriptions scolaires", 16, 94, "Administrative", "C", [
                ("Inscrire les enfants dans les écoles selon la carte scolaire", 35),
                ("Instruire les demandes de dérogation", 20),
                ("Calculer le quotient familial et les tarifs des familles", 20),
                ("Renseigner les familles au guichet et au téléphone", 15),
                ("Établir les prévisions d'effectifs pour les ouvertures et fermetures de classes", 10),
            ]),
            job("Gestionnaire administratif(ve) et financier(ère)", 16, 88, "Administrative", "C", [
                ("Préparer et suivre le budget de fonctionnement des écoles (fournitures, transports, classes de découverte)", 25),
                ("Passer les bons de commande et attester le service fait", 25),
                ("Répartir et suivre les crédits scolaires attribués à chaque école", 15),
                ("Organiser les transports des classes vers les équipements sportifs et culturels", 15),
                ("Suivre les conventions passées avec l'Éducation nationale et les associations", 10),
                ("Répondre aux directeurs d'école sur leurs demandes de matériel", 10),
            ]),
        ],
        "ATSEM": [
            job("Agent(e) territorial(e) spécialisé(e) des écoles maternelles (ATSEM)", 760, 98,
                "Sociale", "C", [
                ("Accueillir les enfants et les parents avec l'enseignant", 10),
                ("Assister l'enseignant dans la préparation et l'animation des activités", 30),
                ("Aider les enfants à acquérir l'autonomie (habillage, hygiène, repas)", 20),
                ("Surveiller la sieste et le lever des enfants", 10),
                ("Préparer et ranger le matériel pédagogique", 10),
                ("Entretenir les locaux et le mobilier de la classe", 20),
            ]),
        ],
        "Restauration scolaire": [
            job("Agent(e) de restauration", 640, 91, "Technique", "C", [
                ("Réceptionner les repas livrés en liaison froide et contrôler les températures", 10),
                ("Remettre les plats en température et les dresser", 20),
                ("Servir les repas et aider les enfants pendant le déjeuner", 30),
                ("Appliquer les règles d'hygiène HACCP et remplir les fiches de traçabilité", 10),
                ("Laver la vaisselle, le matériel et la salle de restauration", 30),
            ]),
            job("Cuisinier(ère)", 48, 35, "Technique", "C", [
                ("Préparer les repas en grande quantité selon les fiches techniques", 45),
                ("Réceptionner et contrôler les denrées", 15),
                ("Appliquer le plan de maîtrise sanitaire et réaliser les autocontrôles", 15),
                ("Conditionner les repas en barquettes et préparer les livraisons", 15),
                ("Nettoyer et désinfecter les postes de travail", 10),
            ]),
            job("Chauffeur(euse)-livreur(euse)", 14, 7, "Technique", "C", [
                ("Charger les camions et livrer les repas dans les offices des écoles", 55),
                ("Contrôler le respect de la chaîne du froid pendant le transport", 15),
                ("Récupérer les bacs et les conteneurs vides", 15),
                ("Nettoyer les véhicules et les bacs de transport", 15),
            ]),
            job("Diététicien(ne)", 3, 100, "Médico-sociale", "B", [
                ("Élaborer les menus en respectant l'équilibre nutritionnel et la loi EGalim", 35),
                ("Rédiger les fiches techniques des recettes", 20),
                ("Gérer les régimes et les projets d'accueil individualisé (PAI)", 15),
                ("Animer la commission des menus avec les parents", 10),
                ("Mener des actions d'éducation au goût dans les écoles", 20),
            ]),
        ],
        "Crèches": [
            job("Auxiliaire de puériculture", 340, 98, "Médico-sociale", "B", [
                ("Accueillir les enfants et leurs parents et assurer les transmissions", 20),
                ("Assurer les soins d'hygiène et de confort des enfants (change, toilette)", 25),
                ("Donner les repas et les biberons", 15),
                ("Proposer des activités d'éveil adaptées à l'âge des enfants", 25),
                ("Observer le développement de l'enfant et en rendre compte à l'équipe", 10),
                ("Désinfecter les jouets et le matériel", 5),
            ]),
            job("Éducateur(rice) de jeunes enfants", 90, 96, "Sociale", "A", [
                ("Élaborer et faire vivre le projet pédagogique de la section", 20),
                ("Concevoir et animer des activités d'éveil et d'expression", 30),
                ("Soutenir les professionnels de la section dans leurs pratiques", 20, "pe.projet"),
                ("Accompagner les parents dans leur fonction parentale", 15),
                ("Repérer les difficultés de développement et orienter les familles", 15),
            ]),
            job("Directeur(trice) de crèche", 36, 97, "Médico-sociale", "A", [
                ("Diriger l'établissement et encadrer l'équipe", 25),
                ("Organiser les admissions et l'accueil des familles", 15),
                ("Garantir l'application des protocoles d'hygiène et de santé", 15),
                ("Gérer le budget, les plannings et les taux d'encadrement", 20),
                ("Suivre la santé des enfants avec le référent santé et accueil inclusif", 15),
                ("Rédiger le rapport d'activité et transmettre les données à la CAF", 10),
            ]),
            job("Agent(e) petite enfance", 180, 94, "Sociale", "C", [
                ("Accompagner les enfants dans les gestes du quotidien", 35),
                ("Participer aux activités d'éveil", 20),
                ("Préparer les repas et les goûters", 15),
                ("Entretenir le linge et les locaux", 25),
                ("Aider à l'accueil des familles", 5),
            ]),
            job("Cuisinier(ère)", 36, 72, "Technique", "C", [
                ("Élaborer des repas adaptés à l'âge des enfants (textures, diversification)", 50),
                ("Commander les denrées et gérer les stocks", 15),
                ("Respecter le plan de maîtrise sanitaire", 10),
                ("Entretenir la cuisine et le matériel", 20),
                ("Préparer les régimes particuliers", 5),
            ]),
        ],
        "Périscolaire": [
            job("Animateur(rice) périscolaire", 820, 74, "Animation", "C", [
                ("Encadrer les enfants pendant la pause méridienne", 35),
                ("Concevoir et animer des activités éducatives, sportives et culturelles", 30),
                ("Accueillir les enfants et les familles le matin et le soir", 15),
                ("Veiller à la sécurité physique et affective des enfants", 10),
                ("Pointer les présences des enfants sur tablette", 5),
                ("Participer aux réunions d'équipe", 5),
            ]),
            job("Directeur(trice) d'accueil de loisirs", 100, 66, "Animation", "B", [
                ("Élaborer le projet pédagogique de l'accueil de loisirs", 15),
                ("Encadrer et planifier l'équipe d'animation", 25),
                ("Gérer les inscriptions, les effectifs et les présences", 15),
                ("Être l'interlocuteur des familles et des enseignants", 20),
                ("Gérer le budget et le matériel pédagogique", 10),
                ("Veiller au respect de la réglementation des accueils collectifs de mineurs", 15),
            ]),
        ],
    },
    "Culture": {
        "Bibliothèques": [
            job("Agent(e) de bibliothèque", 150, 74, "Culturelle", "C", [
                ("Accueillir et renseigner les lecteurs et inscrire les usagers", 30),
                ("Enregistrer les prêts et les retours", 20),
                ("Ranger les documents en rayon et réparer les documents abîmés", 20),
                ("Équiper les nouveaux documents (cotes, antivols, couvertures)", 15),
                ("Participer aux animations et aux accueils de classes", 15),
            ]),
            job("Assistant(e) de conservation", 65, 78, "Culturelle", "B", [
                ("Sélectionner et acquérir des documents dans un domaine", 20),
                ("Cataloguer et indexer les documents dans le système de gestion de bibliothèque", 20),
                ("Concevoir et animer des lectures, des clubs et des ateliers", 20),
                ("Conseiller les lecteurs et les accompagner dans l'usage des outils numériques", 15),
                ("Désherber les collections", 10),
                ("Assurer des permanences de service public", 15),
            ]),
            job("Bibliothécaire", 22, 73, "Culturelle", "A", [
                ("Définir la politique documentaire d'un secteur", 25),
                ("Encadrer l'équipe d'une bibliothèque de quartier", 25),
                ("Développer des partenariats avec les écoles et les associations", 20),
                ("Programmer l'action culturelle de l'établissement", 15),
                ("Évaluer l'activité et rédiger les bilans", 15),
            ]),
        ],
        "Musées": [
            job("Agent(e) d'accueil et de surveillance", 120, 48, "Culturelle", "C", [
                ("Surveiller les salles d'exposition et veiller à la sécurité des œuvres", 45),
                ("Accueillir et renseigner les visiteurs", 20),
                ("Vendre les billets et les produits de la boutique", 15),
                ("Faire respecter le règlement de visite", 10),
                ("Effectuer les rondes d'ouverture et de fermeture", 10),
            ]),
            job("Conservateur(rice) du patrimoine", 9, 67, "Culturelle", "A", [
                ("Étudier et enrichir les collections (acquisitions, dons, dépôts)", 25),
                ("Concevoir les expositions permanentes et temporaires", 25),
                ("Rédiger des publications scientifiques et des catalogues", 15),
                ("Piloter l'inventaire et le récolement décennal", 15),
                ("Représenter le musée auprès des partenaires et des mécènes", 20),
            ]),
            job("Médiateur(rice) culturel(le)", 20, 80, "Culturelle", "B", [
                ("Concevoir des visites et des ateliers pour les scolaires et les familles", 30),
                ("Conduire des visites guidées", 30),
                ("Rédiger des supports de médiation (livrets, cartels, contenus numériques)", 20),
                ("Développer des actions vers les publics éloignés de la culture", 20),
            ]),
            job("Régisseur(euse) des œuvres", 7, 57, "Culturelle", "B", [
                ("Organiser les mouvements d'œuvres (prêts, emprunts, transports)", 30),
                ("Mettre à jour la base de données des collections", 25),
                ("Contrôler les conditions de conservation en réserves et en salles", 20),
                ("Coordonner le montage et le démontage des expositions", 25),
            ]),
            job("Gestionnaire administratif(ve) et financier(ère)", 8, 88, "Administrative", "C", [
                ("Préparer et exécuter le budget des musées", 25),
                ("Tenir la régie de recettes de la billetterie et de la boutique", 20),
                ("Rédiger les conventions de prêt, de partenariat et de mécénat", 20),
                ("Établir les contrats des intervenants et des artistes", 20),
                ("Monter les demandes de subvention auprès de la DRAC", 15),
            ]),
        ],
        "Conservatoire": [
            job("Professeur(e) d'enseignement artistique", 135, 49, "Culturelle", "A", [
                ("Enseigner sa discipline en cours individuels et collectifs", 60),
                ("Évaluer les élèves et participer aux jurys d'examen", 10),
                ("Conduire des projets artistiques et des concerts d'élèves", 15),
                ("Participer à la concertation pédagogique et au projet d'établissement", 10),
                ("Intervenir dans les écoles dans le cadre de l'éducation artistique", 5),
            ]),
            job("Assistant(e) d'enseignement artistique", 75, 55, "Culturelle", "B", [
                ("Enseigner l'instrument ou la danse aux élèves des premiers cycles", 55),
                ("Accompagner au piano les cours et les examens", 15),
                ("Intervenir en milieu scolaire", 15, "cul.enseignement"),
                ("Préparer les auditions et les spectacles d'élèves", 15),
            ]),
            job("Assistant(e) administratif(ve)", 9, 89, "Administrative", "C", [
                ("Inscrire les élèves et gérer la scolarité", 30),
                ("Établir les emplois du temps et réserver les salles", 20),
                ("Calculer et facturer les droits d'inscription", 15),
                ("Renseigner les familles et les élèves", 20),
                ("Organiser matériellement les examens et les auditions", 15),
            ]),
        ],
    },
    "Sports": {
        "Équipements sportifs": [
            job("Gardien(ne) d'équipement sportif", 180, 19, "Technique", "C", [
                ("Ouvrir et fermer les gymnases et les stades et contrôler les accès", 25),
                ("Nettoyer les vestiaires, les sanitaires et les salles", 25),
                ("Tracer les terrains et entretenir les pelouses sportives", 20),
                ("Installer et ranger le matériel sportif", 15),
                ("Vérifier le respect des plannings d'occupation des clubs et des scolaires", 5),
                ("Signaler les dégradations et faire les petites réparations", 10),
            ]),
            job("Responsable d'équipement sportif", 14, 21, "Technique", "C", [
                ("Encadrer l'équipe des gardiens de l'équipement", 30),
                ("Établir les plannings de travail et d'occupation", 20),
                ("Contrôler la sécurité des installations et les vérifications périodiques", 20),
                ("Accueillir les clubs et les organisateurs de manifestations", 15),
                ("Commander les fournitures et suivre les interventions techniques", 15),
            ]),
            job("Éducateur(rice) des activités physiques et sportives", 45, 36, "Sportive", "B", [
                ("Enseigner les activités physiques aux élèves des écoles élémentaires", 40),
                ("Animer les écoles municipales des sports pendant les vacances", 25),
                ("Encadrer des activités sportives pour les seniors et les publics en insertion", 15),
                ("Organiser des manifestations sportives", 10),
                ("Assurer la sécurité des pratiquants et suivre le matériel", 10),
            ]),
            job("Chargé(e) des relations avec les associations sportives", 6, 50, "Administrative", "B", [
                ("Instruire les demandes de subvention des clubs sportifs", 30),
                ("Attribuer les créneaux dans les équipements", 30),
                ("Rédiger les conventions de mise à disposition", 15),
                ("Accompagner les clubs dans l'organisation de leurs événements", 15),
                ("Préparer les bilans annuels d'occupation", 10),
            ]),
            job("Gestionnaire administratif(ve) et financier(ère)", 6, 83, "Administrative", "C", [
                ("Facturer l'occupation des équipements aux associations et aux établissements scolaires", 30),
                ("Saisir les bons de commande et suivre les factures", 25),
                ("Instruire les demandes de mise à disposition de salles pour les manifestations", 20),
                ("Tenir les tableaux de bord de fréquentation", 15),
                ("Préparer les dossiers des commissions de sécurité", 10),
            ]),
        ],
        "Piscines": [
            job("Maître-nageur(euse) sauveteur(euse)", 105, 38, "Sportive", "B", [
                ("Surveiller les bassins et porter secours aux baigneurs", 45),
                ("Enseigner la natation aux élèves des écoles", 25),
                ("Animer des activités aquatiques (aquagym, bébés nageurs)", 15),
                ("Contrôler la qualité de l'eau et tenir le carnet sanitaire", 5),
                ("Faire respecter le règlement intérieur", 10),
            ]),
            job("Agent(e) d'accueil", 34, 76, "Administrative", "C", [
                ("Accueillir les usagers et vendre les entrées", 45),
                ("Tenir la caisse et faire les clôtures de régie", 20),
                ("Informer le public sur les horaires et les activités", 20),
                ("Enregistrer les inscriptions aux cours et aux activités", 15),
            ]),
            job("Agent(e) technique de piscine", 45, 24, "Technique", "C", [
                ("Nettoyer les plages, les bassins, les vestiaires et les douches", 45),
                ("Surveiller le fonctionnement des installations de traitement de l'eau", 20),
                ("Relever les compteurs et les paramètres de l'eau", 10),
                ("Réaliser la maintenance de premier niveau", 15),
                ("Participer à la vidange annuelle des bassins", 10),
            ]),
        ],
    },
    "Sécurité et prévention": {
        "Police municipale": [
            job("Gardien(ne)-brigadier(ère) de police municipale", 290, 24, "Police municipale", "C", [
                ("Patrouiller sur la voie publique et assurer une présence de proximité", 40),
                ("Faire respecter les arrêtés du maire et relever les infractions", 20),
                ("Intervenir sur les troubles à la tranquillité publique", 15),
                ("Sécuriser les sorties d'écoles et les manifestations", 10),
                ("Rédiger les procès-verbaux, les rapports et la main courante", 15),
            ]),
            job("Chef(fe) de service de police municipale", 14, 21, "Police municipale", "B", [
                ("Encadrer les brigades et établir les plannings", 30),
                ("Coordonner les interventions avec la police nationale", 20),
                ("Relire et valider les écrits professionnels des agents", 20),
                ("Participer aux opérations sur le terrain", 20, "pol.patrouille"),
                ("Analyser la délinquance de voie publique et proposer des dispositifs", 10),
            ]),
            job("Assistant(e) administratif(ve)", 10, 90, "Administrative", "C", [
                ("Accueillir le public au poste de police municipale", 25),
                ("Enregistrer les objets trouvés et les déclarations des usagers", 15),
                ("Traiter les contestations d'avis de contravention", 20),
                ("Instruire les autorisations de port d'arme et les agréments des agents", 10),
                ("Saisir les rapports et tenir les statistiques d'activité", 20),
                ("Gérer les fournitures et les équipements des agents", 10),
            ]),
        ],
        "Surveillance de la voie publique": [
            job("Agent(e) de surveillance de la voie publique (ASVP)", 90, 46, "Administrative", "C", [
                ("Contrôler le stationnement payant et gênant et verbaliser", 50),
                ("Informer et orienter les usagers de la voie publique", 15),
                ("Signaler les anomalies de voirie et de mobilier urbain", 10),
                ("Relever les dépôts sauvages et les atteintes à la propreté", 10),
                ("Sécuriser les abords des écoles", 15),
            ]),
            job("Agent(e) de sécurisation des points école", 45, 64, "Technique", "C", [
                ("Faire traverser les enfants aux entrées et sorties des écoles", 70),
                ("Signaler les comportements dangereux des automobilistes", 10),
                ("Faire le lien avec les familles et les directeurs d'école", 10),
                ("Rendre compte des incidents à la police municipale", 10),
            ]),
        ],
        "Centre de supervision urbain": [
            job("Opérateur(rice) de vidéoprotection", 42, 40, "Technique", "C", [
                ("Visionner en temps réel les images des caméras", 45),
                ("Signaler les faits constatés aux patrouilles et à la police nationale", 20),
                ("Extraire les enregistrements sur réquisition judiciaire", 10),
                ("Tenir la main courante informatisée", 15),
                ("Signaler les dysfonctionnements des caméras", 10),
            ]),
        ],
        "Prévention et médiation": [
            job("Médiateur(rice) social(e)", 28, 43, "Animation", "C", [
                ("Aller à la rencontre des habitants dans l'espace public et les transports", 40),
                ("Prévenir et apaiser les conflits de voisinage et d'usage", 25),
                ("Orienter les personnes vers les services et les structures adaptés", 15),
                ("Signaler les dysfonctionnements sur l'espace public", 10),
                ("Rédiger les comptes rendus de tournée", 10),
            ]),
            job("Chargé(e) de mission prévention de la délinquance", 3, 67, "Administrative", "A", [
                ("Animer le conseil local de sécurité et de prévention de la délinquance", 25),
                ("Coordonner les cellules de veille avec la police, la justice et les bailleurs", 25),
                ("Monter et suivre les projets financés par l'État", 20),
                ("Élaborer le diagnostic local de sécurité", 15),
                ("Rédiger les bilans et les notes aux élus", 15),
            ]),
        ],
    },
    "Cadre de vie": {
        "Espaces verts": [
            job("Jardinier(ère)", 480, 19, "Technique", "C", [
                ("Entretenir les massifs et tailler les haies", 25),
                ("Tondre les pelouses et débroussailler", 20),
                ("Planter les fleurissements saisonniers, les arbustes et les arbres", 15),
                ("Arroser et pailler les plantations", 10),
                ("Ramasser les feuilles et les déchets dans les parcs et jardins", 15),
                ("Désherber sans produits phytosanitaires", 10),
                ("Entretenir le petit matériel et l'outillage", 5),
            ]),
            job("Élagueur(euse)-grimpeur(euse)", 22, 5, "Technique", "C", [
                ("Tailler et élaguer les arbres d'alignement et des parcs", 45),
                ("Abattre les arbres dangereux ou malades", 20),
                ("Baliser et sécuriser le chantier", 15),
                ("Broyer les branches et évacuer les déchets verts", 10),
                ("Entretenir les tronçonneuses et le matériel de grimpe", 10),
            ]),
            job("Chef(fe) d'équipe espaces verts", 40, 15, "Technique", "C", [
                ("Organiser et répartir le travail de l'équipe", 25),
                ("Participer aux travaux d'entretien et de plantation", 35),
                ("Contrôler la qualité des travaux réalisés", 15),
                ("Veiller au port des équipements de protection", 10),
                ("Remplir les fiches de suivi d'activité", 15),
            ]),
            job("Technicien(ne) espaces verts", 12, 42, "Technique", "B", [
                ("Concevoir les plans de plantation et les projets d'aménagement paysager", 25),
                ("Programmer les travaux d'entretien du secteur", 20),
                ("Suivre les chantiers confiés aux entreprises", 25),
                ("Établir les estimations et les bons de commande", 15),
                ("Répondre aux demandes des habitants et des élus", 15),
            ]),
            job("Horticulteur(trice)", 20, 45, "Technique", "C", [
                ("Produire en serre les plantes à massif et les plantes d'intérieur", 40),
                ("Semer, bouturer, repiquer et rempoter", 20),
                ("Arroser et surveiller l'état sanitaire des cultures", 15),
                ("Préparer les plantes pour le fleurissement de la ville et les manifestations", 15),
                ("Réaliser des décorations florales pour les cérémonies", 10),
            ]),
        ],
        "Propreté urbaine": [
            job("Agent(e) de propreté urbaine", 540, 11, "Technique", "C", [
                ("Balayer manuellement les trottoirs, les caniveaux et les places", 40),
                ("Vider les corbeilles de rue", 15),
                ("Ramasser les dépôts sauvages et les encombrants", 15),
                ("Effacer les tags et retirer l'affichage sauvage", 10),
                ("Nettoyer les marchés après leur fermeture", 15),
                ("Désherber les pieds d'arbres et les trottoirs", 5),
            ]),
            job("Conducteur(rice) d'engins de nettoiement", 70, 4, "Technique", "C", [
                ("Conduire les balayeuses et les laveuses de voirie", 60),
                ("Nettoyer à haute pression les espaces publics", 15),
                ("Assurer l'entretien courant et le lavage des engins", 15),
                ("Remplir les fiches de suivi des circuits", 10),
            ]),
            job("Chef(fe) d'équipe propreté", 32, 9, "Technique", "C", [
                ("Répartir les secteurs et les circuits entre les agents", 25),
                ("Contrôler la propreté des secteurs et la qualité du travail", 30),
                ("Traiter les signalements des habitants et des élus", 20),
                ("Gérer les absences et les remplacements de l'équipe", 15),
                ("Renseigner les indicateurs d'activité", 10),
            ]),
        ],
        "Voirie": [
            job("Agent(e) de voirie", 110, 3, "Technique", "C", [
                ("Reboucher les nids-de-poule et réparer les enrobés", 30),
                ("Poser et réparer les bordures, les pavés et les dalles", 20),
                ("Mettre en place la signalisation temporaire des chantiers", 15),
                ("Installer et réparer le mobilier urbain", 15),
                ("Réaliser le marquage au sol", 10),
                ("Saler et déneiger les voies en période hivernale", 10),
            ]),
            job("Électricien(ne)", 18, 6, "Technique", "C", [
                ("Dépanner les points lumineux de l'éclairage public", 40),
                ("Entretenir les armoires de commande et les feux tricolores", 25),
                ("Remplacer les lanternes par des équipements à LED", 15),
                ("Installer les illuminations de fin d'année", 15),
                ("Intervenir de nuit en astreinte", 5),
            ]),
            job("Technicien(ne) voirie", 14, 21, "Technique", "B", [
                ("Programmer les travaux d'entretien de la voirie", 20),
                ("Contrôler l'exécution des chantiers des entreprises", 30),
                ("Instruire les permissions de voirie et les arrêtés de circulation", 20),
                ("Répondre aux réclamations des riverains", 15),
                ("Établir les métrés et vérifier les situations de travaux", 15),
            ]),
            job("Ingénieur(e) voirie et déplacements", 6, 33, "Technique", "A", [
                ("Piloter les études et les travaux d'aménagement de l'espace public", 35),
                ("Concevoir les aménagements cyclables et les zones apaisées", 20),
                ("Rédiger les cahiers des charges des marchés de travaux", 15),
                ("Coordonner les chantiers des concessionnaires de réseaux", 15),
                ("Présenter les projets aux habitants et aux élus", 15),
            ]),
        ],
        "Bâtiments": [
            job("Électricien(ne)", 34, 3, "Technique", "C", [
                ("Dépanner les installations électriques des bâtiments municipaux", 40),
                ("Réaliser des travaux neufs et des mises aux normes", 25),
                ("Lever les réserves des rapports de vérification périodique", 15),
                ("Installer les branchements provisoires pour les manifestations", 10),
                ("Remplir les bons d'intervention", 10),
            ]),
            job("Plombier(ère)-chauffagiste", 28, 4, "Technique", "C", [
                ("Dépanner les installations de plomberie et les sanitaires", 35),
                ("Entretenir les chaufferies et régler les installations de chauffage", 30),
                ("Remplacer les équipements sanitaires et les canalisations", 20),
                ("Relever les températures et les consommations", 5),
                ("Intervenir en astreinte sur les fuites et les pannes de chauffage", 10),
            ]),
            job("Menuisier(ère)", 20, 5, "Technique", "C", [
                ("Fabriquer en atelier du mobilier et des agencements", 35),
                ("Poser et réparer les portes, les fenêtres et les serrures", 30),
                ("Réaliser des cloisons et des faux plafonds", 15),
                ("Entretenir les machines de l'atelier", 10),
                ("Établir les besoins en matériaux", 10),
            ]),
            job("Peintre en bâtiment", 24, 13, "Technique", "C", [
                ("Préparer les supports (lessivage, ponçage, rebouchage)", 30),
                ("Peindre les murs, les plafonds et les menuiseries", 40),
                ("Poser des revêtements de sol et des papiers peints", 15),
                ("Protéger les locaux et nettoyer le chantier", 15),
            ]),
            job("Agent(e) polyvalent(e) de maintenance des bâtiments", 50, 8, "Technique", "C", [
                ("Réaliser les petites réparations de plomberie, d'électricité et de serrurerie", 40),
                ("Remplacer les vitres, les éclairages et les équipements sanitaires", 15),
                ("Monter et réparer le mobilier", 15),
                ("Diagnostiquer les pannes et solliciter les corps de métier", 15),
                ("Tenir le stock de fournitures du véhicule atelier", 15),
            ]),
            job("Technicien(ne) bâtiment", 22, 23, "Technique", "B", [
                ("Programmer les travaux d'entretien d'un parc de bâtiments", 20),
                ("Rédiger les descriptifs et estimer les coûts des travaux", 20),
                ("Suivre les chantiers et réceptionner les travaux des entreprises", 30),
                ("Suivre les contrôles réglementaires et les commissions de sécurité", 15),
                ("Répondre aux demandes des utilisateurs des bâtiments", 15),
            ]),
            job("Chargé(e) d'opérations de construction", 12, 42, "Technique", "A", [
                ("Piloter les opérations de construction et de réhabilitation des équipements", 30),
                ("Élaborer les programmes avec les directions utilisatrices", 15),
                ("Suivre les maîtres d'œuvre et les études de conception", 20),
                ("Gérer le budget et le calendrier des opérations", 20),
                ("Réceptionner les ouvrages et suivre la garantie de parfait achèvement", 15),
            ]),
            job("Gestionnaire administratif(ve) et financier(ère)", 14, 86, "Administrative", "C", [
                ("Engager les commandes de travaux et de fournitures dans le logiciel financier", 30),
                ("Contrôler et mettre en paiement les factures des entreprises", 25),
                ("Suivre l'exécution financière des marchés de travaux (situations, révisions de prix, retenues de garantie)", 20),
                ("Tenir les tableaux de suivi budgétaire des opérations", 15),
                ("Assurer l'accueil téléphonique et le secrétariat de l'unité", 10),
            ]),
            job("Agent(e) d'entretien", 95, 82, "Technique", "C", [
                ("Nettoyer les bureaux, les salles de réunion et les sanitaires des bâtiments administratifs", 60),
                ("Vider les corbeilles et évacuer les déchets vers les points de collecte", 15),
                ("Réapprovisionner les distributeurs de papier et de savon", 10),
                ("Laver les vitres et les sols au moyen d'une autolaveuse", 15),
            ]),
        ],
        "Logistique et manifestations": [
            job("Agent(e) logistique", 45, 9, "Technique", "C", [
                ("Livrer et installer le matériel des fêtes et cérémonies (chaises, tables, podiums)", 40),
                ("Effectuer les déménagements des services", 20),
                ("Monter et démonter les stands et les barrières", 20),
                ("Préparer les commandes de matériel au dépôt", 10),
                ("Conduire les camions et les véhicules utilitaires", 10),
            ]),
        ],
        "Garage municipal": [
            job("Mécanicien(ne)", 28, 4, "Technique", "C", [
                ("Réaliser l'entretien préventif des véhicules et des engins", 35),
                ("Diagnostiquer les pannes à l'aide de la valise de diagnostic", 20),
                ("Réparer les organes mécaniques, hydrauliques et électriques", 30),
                ("Préparer les véhicules au contrôle technique", 10),
                ("Renseigner les fiches d'intervention dans le logiciel de gestion de flotte", 5),
            ]),
            job("Magasinier(ère)", 10, 20, "Technique", "C", [
                ("Réceptionner les livraisons et contrôler les bons", 25),
                ("Ranger les pièces détachées et les fournitures", 20),
                ("Délivrer les pièces aux mécaniciens et enregistrer les sorties", 25),
                ("Réaliser les inventaires", 15),
                ("Passer les commandes de réapprovisionnement", 15),
            ]),
        ],
    },
    "Urbanisme": {
        "Droit des sols": [
            job("Instructeur(rice) des autorisations d'urbanisme", 30, 70, "Administrative", "B", [
                ("Instruire les permis de construire, d'aménager et de démolir", 40),
                ("Instruire les déclarations préalables et les certificats d'urbanisme", 20),
                ("Consulter les services et les gestionnaires de réseaux", 10),
                ("Rédiger les projets d'arrêtés et les demandes de pièces complémentaires", 15),
                ("Recevoir et conseiller les pétitionnaires et les architectes", 15),
            ]),
            job("Contrôleur(euse) de la conformité des travaux", 8, 25, "Technique", "B", [
                ("Visiter les constructions achevées pour vérifier leur conformité", 35),
                ("Constater les infractions au code de l'urbanisme et dresser les procès-verbaux", 25),
                ("Rédiger les rapports de visite", 20),
                ("Suivre les procédures de mise en conformité", 20, "jur.conformite"),
            ]),
            job("Assistant(e) administratif(ve)", 10, 90, "Administrative", "C", [
                ("Enregistrer les demandes d'autorisation d'urbanisme dans le logiciel", 35),
                ("Vérifier que les dossiers déposés sont complets", 15),
                ("Accueillir le public et prendre les rendez-vous", 20),
                ("Afficher les décisions et les transmettre à la préfecture", 15),
                ("Renseigner les statistiques de la construction pour les services de l'État", 15),
            ]),
        ],
        "Foncier": [
            job("Chargé(e) d'affaires foncières", 7, 57, "Administrative", "A", [
                ("Négocier les acquisitions et les cessions immobilières de la ville", 30),
                ("Rédiger les promesses de vente et suivre les actes avec les notaires", 20),
                ("Instruire les déclarations d'intention d'aliéner et exercer le droit de préemption", 20),
                ("Tenir l'inventaire du patrimoine foncier", 15),
                ("Solliciter les évaluations du service du Domaine", 15),
            ]),
        ],
        "Aménagement": [
            job("Chef(fe) de projet urbain", 10, 60, "Technique", "A", [
                ("Piloter les études préalables et la programmation des projets urbains", 25),
                ("Suivre les concessions d'aménagement et les aménageurs", 20),
                ("Coordonner les services et les partenaires du projet", 20),
                ("Organiser la concertation avec les habitants", 15),
                ("Préparer les dossiers administratifs et financiers des opérations", 20),
            ]),
            job("Urbaniste", 6, 67, "Technique", "A", [
                ("Participer aux évolutions du plan local d'urbanisme", 35),
                ("Analyser les projets au regard des orientations d'aménagement", 20),
                ("Réaliser des diagnostics territoriaux", 20),
                ("Représenter la ville dans les groupes de travail de la métropole", 15),
                ("Rédiger des notes et des avis", 10),
            ]),
            job("Géomaticien(ne)", 5, 40, "Technique", "B", [
                ("Administrer le système d'information géographique", 30),
                ("Produire les cartes et les plans demandés par les services", 30),
                ("Intégrer et mettre à jour les données cadastrales et les données de réseaux", 25),
                ("Accompagner les utilisateurs des outils cartographiques", 15),
            ]),
        ],
    },
    "Action sociale": {
        "CCAS": [
            job("Travailleur(euse) social(e)", 40, 90, "Sociale", "A", [
                ("Accueillir les personnes en difficulté et évaluer leur situation", 30),
                ("Accompagner les ménages dans l'accès aux droits et au logement", 25),
                ("Instruire les demandes d'aides facultatives", 15),
                ("Présenter les dossiers en commission d'attribution", 10),
                ("Travailler en réseau avec les partenaires sociaux", 10),
                ("Rédiger les rapports sociaux", 10),
            ]),
            job("Agent(e) d'accueil", 22, 82, "Administrative", "C", [
                ("Accueillir et écouter le public du CCAS", 40),
                ("Identifier la demande et orienter vers le bon interlocuteur", 20),
                ("Prendre les rendez-vous des travailleurs sociaux", 15),
                ("Remettre le courrier aux personnes domiciliées au CCAS", 15),
                ("Gérer les situations de tension à l'accueil", 10),
            ]),
            job("Instructeur(rice) des aides sociales", 22, 86, "Administrative", "C", [
                ("Instruire les demandes d'aide sociale légale et facultative", 35),
                ("Enregistrer les élections de domicile des personnes sans domicile stable", 15),
                ("Calculer les droits selon le règlement des aides", 15),
                ("Saisir les dossiers dans le logiciel de l'action sociale", 20),
                ("Notifier les décisions aux bénéficiaires", 15),
            ]),
            job("Gestionnaire administratif(ve) et financier(ère)", 8, 88, "Administrative", "B", [
                ("Préparer le budget du CCAS et suivre son exécution", 25),
                ("Mandater les aides financières accordées aux usagers", 25),
                ("Suivre les subventions versées aux associations caritatives", 15),
                ("Préparer les séances du conseil d'administration du CCAS", 20),
                ("Émettre les titres de recettes des prestations facturées (aide à domicile, portage de repas)", 15),
            ]),
        ],
        "Seniors": [
            job("Aide à domicile", 240, 96, "Sociale", "C", [
                ("Entretenir le logement et le linge des personnes âgées", 35),
                ("Faire les courses et préparer les repas", 25),
                ("Aider aux actes de la vie quotidienne (toilette simple, habillage)", 20),
                ("Stimuler la personne et maintenir le lien social", 15),
                ("Signaler au responsable tout changement dans la situation de la personne", 5),
            ]),
            job("Responsable de secteur aide à domicile", 9, 89, "Administrative", "B", [
                ("Évaluer les besoins des personnes âgées à leur domicile", 25),
                ("Élaborer les plannings d'intervention des aides à domicile", 30),
                ("Encadrer et soutenir les aides à domicile", 20),
                ("Facturer les prestations et suivre les prises en charge", 15),
                ("Travailler avec les familles, les médecins et les caisses de retraite", 10),
            ]),
            job("Aide-soignant(e)", 90, 91, "Médico-sociale", "B", [
                ("Réaliser les soins d'hygiène et de confort des résidents", 50),
                ("Observer l'état de santé et transmettre les observations à l'infirmier", 15),
                ("Aider à la prise des repas", 15),
                ("Prévenir les escarres et les chutes", 10),
                ("Renseigner le dossier de soins", 10),
            ]),
            job("Infirmier(ère)", 14, 93, "Médico-sociale", "A", [
                ("Dispenser les soins infirmiers et administrer les traitements", 45),
                ("Coordonner l'intervention des aides-soignants", 15),
                ("Tenir à jour le dossier de soins des résidents", 15),
                ("Assurer le lien avec les médecins traitants et les familles", 15),
                ("Commander les médicaments et le matériel médical", 10),
            ]),
            job("Animateur(rice)", 14, 79, "Animation", "C", [
                ("Concevoir le programme d'animation des résidences seniors", 20),
                ("Animer des ateliers (mémoire, gymnastique douce, jeux, chant)", 40),
                ("Organiser des sorties et des repas festifs", 20),
                ("Rendre visite aux personnes isolées", 10),
                ("Communiquer le programme aux résidents et à leurs familles", 10),
            ]),
            job("Agent(e) d'entretien", 45, 89, "Technique", "C", [
                ("Entretenir les parties communes et les logements des résidences seniors", 50),
                ("Aider au service des repas en salle", 20),
                ("Entretenir le linge des résidents", 15),
                ("Être attentif(ve) aux résidents et signaler les situations préoccupantes", 15),
            ]),
        ],
        "Insertion": [
            job("Conseiller(ère) en insertion professionnelle", 14, 79, "Administrative", "B", [
                ("Établir un diagnostic de la situation des personnes accompagnées", 25),
                ("Construire les parcours d'insertion avec les bénéficiaires du RSA", 25),
                ("Accompagner la recherche d'emploi (CV, entretiens, candidatures)", 25),
                ("Mobiliser les employeurs et les structures d'insertion", 15),
                ("Rendre compte de l'activité aux financeurs", 10),
            ]),
            job("Encadrant(e) technique d'insertion", 8, 25, "Technique", "C", [
                ("Encadrer les salariés en insertion sur les chantiers", 45),
                ("Organiser le travail et répartir les tâches", 15),
                ("Transmettre les gestes professionnels et les règles de sécurité", 20),
                ("Évaluer les compétences acquises par les salariés", 10),
                ("Entretenir l'outillage et les véhicules", 10),
            ]),
        ],
    },
}


def check(org):
    for direction, services in org.items():
        for service, jobs in services.items():
            seen = set()
            for j in jobs:
                where = f"{direction} / {service} / {j['metier']}"
                assert j["metier"] not in seen, f"duplicate job {where}"
                seen.add(j["metier"])
                assert j["filiere"] in FILIERES, where
                assert j["categorie"] in ("A", "B", "C"), where
                assert j["effectif"] > 0 and 0 <= j["pct_femmes"] <= 100, where
                assert 4 <= len(j["taches"]) <= 8, where
                assert sum(t[1] for t in j["taches"]) == 100, where
                assert all(0 < t[1] < 100 for t in j["taches"]), where


def femmes(j):
    # Rounded half up with integer arithmetic, so the result never depends on float rounding.
    return (j["effectif"] * j["pct_femmes"] + 50) // 100


def part(p):
    return f"0,{p:02d}"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "data", "examples", "ville-fictive.csv")
    check(ORGANISATION)
    rows = jobs = agents = women = 0
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(HEADER)
        for direction, services in ORGANISATION.items():
            for service, js in services.items():
                for j in js:
                    jobs += 1
                    agents += j["effectif"]
                    women += femmes(j)
                    for tache, p, *code in j["taches"]:
                        w.writerow([direction, service, j["metier"], j["effectif"], femmes(j),
                                    j["filiere"], j["categorie"], tache, part(p), code[0] if code else ""])
                        rows += 1
    print(f"{rows} rows, {jobs} jobs, {agents} agents ({women} women) -> {out}")


if __name__ == "__main__":
    main()
