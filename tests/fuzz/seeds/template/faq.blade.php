@extends('layouts.shop')
{{-- Keep in step with the chatbot's answers --}}
@section('content')
<h1>{{ __('Help centre') }}</h1>
<h2>Can I cancel my order?</h2>
<p>Yes, you can cancel your order within 24 hours, {{ $user->name }}.</p>
@if ($member)
    <p>{{ __('Members get free returns within 60 days.') }}</p>
@else
    <p>Returns are free within 30 days.</p>
@endif
<h2>@lang('How much is shipping?')</h2>
<p>Shipping is {!! $fee !!} free over $50. @include('partials.badge', ['label' => 'Fast delivery'])</p>
@php
    $note = "<h2>Not a question</h2>";
@endphp
<p>Write to help@shop.example with your order number.</p>
@endsection
