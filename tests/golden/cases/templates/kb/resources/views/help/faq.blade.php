@extends('layouts.shop')
{{-- Help centre: questions customers ask most --}}
@section('content')
<h2>{{ __('Can I cancel my order?') }}</h2>
<p>{{ __('You can cancel within 24 hours of ordering.') }} {{ $extra ?? '' }}</p>
<h2>How long do refunds take?</h2>
<p>Refunds arrive within 5 business days.</p>
@endsection
