@extends('layouts.shop')
@section('content')
<h2>{{ __('Can I cancel my order?') }}</h2>
<p>{{ __('You can cancel your order within 12 hours of ordering.') }}</p>
@endsection
