$version: "2.0"
namespace ex.r
resource City { identifiers: { cityId: CityId }, read: GetCity, properties: { name: String } }
@readonly operation GetCity { input: GetCityIn, output: GetCityOut }
structure GetCityIn for City { @required $cityId }
structure GetCityOut for City { $name }
@pattern("^[A-Za-z0-9 ]+$") string CityId
