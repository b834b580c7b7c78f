<!DOCTYPE html>
<html lang="{{ app()->getLocale() }}">
<body>@yield('content')</body>
</html>
