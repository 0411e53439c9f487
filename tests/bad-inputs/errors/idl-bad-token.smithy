$version: "2"
namespace example

structure Person {
    name: String = 
}
