/** Common Norwegian names and places, for synthetic people only. */
export const GIVEN_FEMALE = ['Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna', 'Solveig', 'Marianne', 'Randi', 'Ida', 'Nora', 'Emma', 'Sara', 'Ingeborg', 'Silje', 'Maja', 'Thea', 'Ragnhild', 'Tone', 'Camilla', 'Hanne', 'Line', 'Elisabeth', 'Sofie'];
export const GIVEN_MALE = ['Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Tor', 'Morten', 'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'Jonas', 'Magnus', 'Henrik', 'Emil', 'Jakob', 'Even', 'Sindre', 'Håkon', 'Øyvind', 'Kristian', 'Eirik'];
export const FAMILY = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke'];
export const STREETS = ['Storgata', 'Kirkegata', 'Skolegata', 'Parkveien', 'Fjordveien', 'Bjørkeveien', 'Granveien', 'Solbakken', 'Strandgata', 'Torggata', 'Nedre gate', 'Øvre vei', 'Elvegata', 'Jernbanegata', 'Havnegata'];
/** [municipality, postal code] */
export const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['Oslo', '0150'], ['Bergen', '5003'], ['Trondheim', '7010'], ['Stavanger', '4006'], ['Tromsø', '9008'], ['Kristiansand', '4610'],
  ['Drammen', '3015'], ['Fredrikstad', '1606'], ['Bodø', '8006'], ['Ålesund', '6002'], ['Lillehammer', '2609'], ['Hamar', '2317'],
  ['Molde', '6413'], ['Harstad', '9405'], ['Alta', '9510'], ['Gjøvik', '2815'], ['Tønsberg', '3110'], ['Sandnes', '4306'],
  ['Haugesund', '5527'], ['Arendal', '4836'], ['Larvik', '3256'], ['Skien', '3717'], ['Halden', '1771'], ['Moss', '1530'],
  ['Kongsberg', '3611'], ['Steinkjer', '7713'], ['Narvik', '8514'], ['Hammerfest', '9600'], ['Førde', '6800'], ['Levanger', '7600'],
];
/** The kommunenummer of each place (the 2024 municipalities). */
export const KOMMUNENUMMER: Readonly<Record<string, string>> = {
  Oslo: '0301', Bergen: '4601', Trondheim: '5001', Stavanger: '1103', Tromsø: '5501', Kristiansand: '4204',
  Drammen: '3301', Fredrikstad: '3107', Bodø: '1804', Ålesund: '1508', Lillehammer: '3405', Hamar: '3403',
  Molde: '1506', Harstad: '5503', Alta: '5601', Gjøvik: '3407', Tønsberg: '3905', Sandnes: '1108',
  Haugesund: '1106', Arendal: '4203', Larvik: '3909', Skien: '4003', Halden: '3101', Moss: '3103',
  Kongsberg: '3303', Steinkjer: '5006', Narvik: '1806', Hammerfest: '5603', Førde: '4647', Levanger: '5037',
};
export const EMPLOYER_WORDS = ['Fjord', 'Nord', 'Vest', 'Bygg', 'Transport', 'Data', 'Handel', 'Mat', 'Elektro', 'Rør', 'Regnskap', 'Omsorg', 'Maskin', 'Sjømat', 'Eiendom', 'Trykk', 'Energi', 'Skog', 'Bil', 'Reklame'];
